package io.tidemark.sql.format;

import io.tidemark.sql.ast.ArithmeticBinary;
import io.tidemark.sql.ast.ArithmeticUnary;
import io.tidemark.sql.ast.ArrayConstructor;
import io.tidemark.sql.ast.AstVisitor;
import io.tidemark.sql.ast.BetweenPredicate;
import io.tidemark.sql.ast.BooleanLiteral;
import io.tidemark.sql.ast.Cast;
import io.tidemark.sql.ast.Comparison;
import io.tidemark.sql.ast.Concatenation;
import io.tidemark.sql.ast.CurrentTime;
import io.tidemark.sql.ast.DecimalLiteral;
import io.tidemark.sql.ast.DereferenceExpression;
import io.tidemark.sql.ast.DoubleLiteral;
import io.tidemark.sql.ast.DurationLiteral;
import io.tidemark.sql.ast.ExistsPredicate;
import io.tidemark.sql.ast.Expression;
import io.tidemark.sql.ast.Extract;
import io.tidemark.sql.ast.FrameBound;
import io.tidemark.sql.ast.FunctionCall;
import io.tidemark.sql.ast.GenericDataType;
import io.tidemark.sql.ast.Identifier;
import io.tidemark.sql.ast.InList;
import io.tidemark.sql.ast.InPredicate;
import io.tidemark.sql.ast.IntervalDataType;
import io.tidemark.sql.ast.IntervalLiteral;
import io.tidemark.sql.ast.IsNullPredicate;
import io.tidemark.sql.ast.Lambda;
import io.tidemark.sql.ast.LikePredicate;
import io.tidemark.sql.ast.Logical;
import io.tidemark.sql.ast.LongLiteral;
import io.tidemark.sql.ast.Node;
import io.tidemark.sql.ast.Not;
import io.tidemark.sql.ast.NullLiteral;
import io.tidemark.sql.ast.NumericParameter;
import io.tidemark.sql.ast.Parameter;
import io.tidemark.sql.ast.QualifiedName;
import io.tidemark.sql.ast.QuantifiedComparison;
import io.tidemark.sql.ast.RowConstructor;
import io.tidemark.sql.ast.RowDataType;
import io.tidemark.sql.ast.SearchedCase;
import io.tidemark.sql.ast.SimpleCase;
import io.tidemark.sql.ast.SortItem;
import io.tidemark.sql.ast.StringLiteral;
import io.tidemark.sql.ast.Subscript;
import io.tidemark.sql.ast.SubqueryExpression;
import io.tidemark.sql.ast.TypeParameter;
import io.tidemark.sql.ast.TypedLiteral;
import io.tidemark.sql.ast.WhenClause;
import io.tidemark.sql.ast.Window;
import io.tidemark.sql.ast.WindowFrame;
import io.tidemark.sql.lexer.Keywords;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Prints expressions, types and window specifications. An operand is parenthesized exactly when
 * the parser would otherwise group it differently: when it binds more loosely than its position
 * requires (see {@link Precedence}), including the right operand of a left-associative operator
 * and a nested AND/OR of the same kind, which the parser would flatten.
 */
final class ExpressionFormatter implements AstVisitor<String, Void> {

    private static final Pattern MEASURE_VALUE_COLUMN =
            Pattern.compile("(?i)measure_value::(double|bigint|varchar|boolean|timestamp)");

    private final StatementFormatter statements;

    ExpressionFormatter(StatementFormatter statements) {
        this.statements = statements;
    }

    String format(Node node) {
        return node.accept(this, null);
    }

    /** {@code expression} where the grammar accepts only operators binding at least as tightly as {@code minimum}. */
    private String operand(Expression expression, Precedence minimum) {
        String formatted = format(expression);
        return Precedence.of(expression).compareTo(minimum) < 0 ? "(" + formatted + ")" : formatted;
    }

    /** The operand of a predicate, of BETWEEN bounds and LIKE patterns: a value expression. */
    private String value(Expression expression) {
        return operand(expression, Precedence.CONCATENATION);
    }

    /** Nodes of any kind (expressions, select items, names, ...) separated by commas. */
    String formatList(List<? extends Node> nodes) {
        List<String> parts = new ArrayList<>(nodes.size());
        for (Node node : nodes) {
            parts.add(statements.format(node));
        }
        return String.join(", ", parts);
    }

    /** A name, quoted when it was quoted or could not be read back unquoted. */
    static String identifier(Identifier identifier) {
        String value = identifier.value();
        boolean plain = (isPlainName(value) && !Keywords.isReserved(value))
                || (value.indexOf(':') >= 0 && MEASURE_VALUE_COLUMN.matcher(value).matches());
        if (!identifier.delimited() && plain) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    /**
     * True if {@code value} reads back as one unquoted name: a letter or underscore, then letters,
     * decimal digits and underscores ({@code [\\p{L}_][\\p{L}\\p{Nd}_]*}; a loop, since every
     * plan step's text renders the names it shows).
     */
    static boolean isPlainName(String value) {
        if (value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            boolean letter = c == '_' || Character.isLetter(c);
            if (!letter && (i == 0 || !Character.isDigit(c))) {
                return false;
            }
            i += Character.charCount(c);
        }
        return true;
    }

    static String string(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    @Override
    public String visitNode(Node node, Void context) {
        throw new IllegalArgumentException("cannot format " + node.getClass().getSimpleName() + " as an expression");
    }

    @Override
    public String visitIdentifier(Identifier node, Void context) {
        return identifier(node);
    }

    @Override
    public String visitQualifiedName(QualifiedName node, Void context) {
        List<String> parts = new ArrayList<>();
        for (Identifier part : node.parts()) {
            parts.add(identifier(part));
        }
        return String.join(".", parts);
    }

    @Override
    public String visitDereferenceExpression(DereferenceExpression node, Void context) {
        Expression base = node.base();
        boolean number = base instanceof LongLiteral || base instanceof DecimalLiteral || base instanceof DoubleLiteral;
        String formatted = number ? "(" + format(base) + ")" : operand(base, Precedence.PRIMARY);
        return formatted + "." + identifier(node.field());
    }

    @Override
    public String visitLongLiteral(LongLiteral node, Void context) {
        return Long.toString(node.value());
    }

    @Override
    public String visitDecimalLiteral(DecimalLiteral node, Void context) {
        return node.value();
    }

    @Override
    public String visitDoubleLiteral(DoubleLiteral node, Void context) {
        String text = Double.toString(node.value());
        return text.contains("E") ? text : text + "E0";
    }

    @Override
    public String visitStringLiteral(StringLiteral node, Void context) {
        return string(node.value());
    }

    @Override
    public String visitBooleanLiteral(BooleanLiteral node, Void context) {
        return node.value() ? "TRUE" : "FALSE";
    }

    @Override
    public String visitNullLiteral(NullLiteral node, Void context) {
        return "NULL";
    }

    @Override
    public String visitDurationLiteral(DurationLiteral node, Void context) {
        return node.amount() + node.unit().abbreviation();
    }

    @Override
    public String visitIntervalLiteral(IntervalLiteral node, Void context) {
        return "INTERVAL " + (node.negative() ? "-" : "") + string(node.value()) + " " + node.from()
                + node.to().map(to -> " TO " + to).orElse("");
    }

    @Override
    public String visitTypedLiteral(TypedLiteral node, Void context) {
        return node.type() + " " + string(node.value());
    }

    @Override
    public String visitParameter(Parameter node, Void context) {
        return "@" + node.name();
    }

    @Override
    public String visitArithmeticBinary(ArithmeticBinary node, Void context) {
        Precedence level = Precedence.of(node);
        return operand(node.left(), level) + " " + node.operator().symbol() + " "
                + operand(node.right(), level.next());
    }

    @Override
    public String visitArithmeticUnary(ArithmeticUnary node, Void context) {
        return (node.negative() ? "- " : "+ ") + operand(node.value(), Precedence.UNARY);
    }

    @Override
    public String visitConcatenation(Concatenation node, Void context) {
        return operand(node.left(), Precedence.CONCATENATION) + " || "
                + operand(node.right(), Precedence.ADDITIVE);
    }

    @Override
    public String visitComparison(Comparison node, Void context) {
        return value(node.left()) + " " + node.operator().sql() + " " + value(node.right());
    }

    @Override
    public String visitLogical(Logical node, Void context) {
        Precedence termLevel = Precedence.of(node).next();
        List<String> terms = new ArrayList<>();
        for (Expression term : node.terms()) {
            terms.add(operand(term, termLevel));
        }
        return String.join(" " + node.operator() + " ", terms);
    }

    @Override
    public String visitNot(Not node, Void context) {
        return "NOT " + operand(node.value(), Precedence.NOT);
    }

    @Override
    public String visitIsNullPredicate(IsNullPredicate node, Void context) {
        return value(node.value()) + (node.negated() ? " IS NOT NULL" : " IS NULL");
    }

    @Override
    public String visitInPredicate(InPredicate node, Void context) {
        return value(node.value()) + (node.negated() ? " NOT IN " : " IN ") + format(node.valueList());
    }

    @Override
    public String visitInList(InList node, Void context) {
        return "(" + formatList(node.values()) + ")";
    }

    @Override
    public String visitBetweenPredicate(BetweenPredicate node, Void context) {
        return value(node.value()) + (node.negated() ? " NOT BETWEEN " : " BETWEEN ") + value(node.min())
                + " AND " + value(node.max());
    }

    @Override
    public String visitLikePredicate(LikePredicate node, Void context) {
        return value(node.value()) + (node.negated() ? " NOT LIKE " : " LIKE ") + value(node.pattern())
                + node.escape().map(escape -> " ESCAPE " + value(escape)).orElse("");
    }

    @Override
    public String visitQuantifiedComparison(QuantifiedComparison node, Void context) {
        return value(node.value()) + " " + node.operator().sql() + " " + node.quantifier() + " "
                + format(node.subquery());
    }

    @Override
    public String visitExistsPredicate(ExistsPredicate node, Void context) {
        return "EXISTS (" + statements.format(node.query()) + ")";
    }

    @Override
    public String visitSubqueryExpression(SubqueryExpression node, Void context) {
        return "(" + statements.format(node.query()) + ")";
    }

    @Override
    public String visitFunctionCall(FunctionCall node, Void context) {
        StringBuilder sql = new StringBuilder(format(node.name())).append('(');
        if (node.allRows()) {
            sql.append('*');
        } else {
            sql.append(node.distinct() ? "DISTINCT " : "").append(formatList(node.arguments()));
        }
        if (!node.orderBy().isEmpty()) {
            sql.append(" ORDER BY ").append(formatList(node.orderBy()));
        }
        sql.append(')');
        node.filter().ifPresent(filter -> sql.append(" FILTER (WHERE ").append(format(filter)).append(')'));
        node.nullTreatment().ifPresent(treatment -> sql.append(' ').append(treatment.name()).append(" NULLS"));
        node.window().ifPresent(window -> sql.append(" OVER ").append(format(window)));
        return sql.toString();
    }

    @Override
    public String visitWindow(Window node, Void context) {
        List<String> parts = new ArrayList<>();
        if (!node.partitionBy().isEmpty()) {
            parts.add("PARTITION BY " + formatList(node.partitionBy()));
        }
        if (!node.orderBy().isEmpty()) {
            parts.add("ORDER BY " + formatList(node.orderBy()));
        }
        node.frame().ifPresent(frame -> parts.add(format(frame)));
        return "(" + String.join(" ", parts) + ")";
    }

    @Override
    public String visitWindowFrame(WindowFrame node, Void context) {
        if (node.end().isEmpty()) {
            return node.type() + " " + format(node.start());
        }
        return node.type() + " BETWEEN " + format(node.start()) + " AND " + format(node.end().get());
    }

    @Override
    public String visitFrameBound(FrameBound node, Void context) {
        switch (node.type()) {
            case UNBOUNDED_PRECEDING: return "UNBOUNDED PRECEDING";
            case UNBOUNDED_FOLLOWING: return "UNBOUNDED FOLLOWING";
            case CURRENT_ROW: return "CURRENT ROW";
            case PRECEDING: return value(node.offset().orElseThrow()) + " PRECEDING";
            case FOLLOWING: return value(node.offset().orElseThrow()) + " FOLLOWING";
            default: throw new IllegalStateException("unknown frame bound " + node.type());
        }
    }

    @Override
    public String visitSortItem(SortItem node, Void context) {
        String nulls;
        switch (node.nullOrdering()) {
            case FIRST: nulls = " NULLS FIRST"; break;
            case LAST: nulls = " NULLS LAST"; break;
            default: nulls = "";
        }
        return format(node.key()) + (node.ordering() == SortItem.Ordering.DESCENDING ? " DESC" : " ASC") + nulls;
    }

    @Override
    public String visitSearchedCase(SearchedCase node, Void context) {
        return "CASE " + whens(node.whenClauses()) + node.defaultValue().map(d -> " ELSE " + format(d)).orElse("")
                + " END";
    }

    @Override
    public String visitSimpleCase(SimpleCase node, Void context) {
        return "CASE " + format(node.operand()) + " " + whens(node.whenClauses())
                + node.defaultValue().map(d -> " ELSE " + format(d)).orElse("") + " END";
    }

    private String whens(List<WhenClause> whens) {
        List<String> parts = new ArrayList<>();
        for (WhenClause when : whens) {
            parts.add("WHEN " + format(when.operand()) + " THEN " + format(when.result()));
        }
        return String.join(" ", parts);
    }

    @Override
    public String visitCast(Cast node, Void context) {
        return (node.safe() ? "TRY_CAST(" : "CAST(") + format(node.value()) + " AS " + format(node.type()) + ")";
    }

    @Override
    public String visitExtract(Extract node, Void context) {
        return "EXTRACT(" + identifier(node.field()) + " FROM " + format(node.value()) + ")";
    }

    @Override
    public String visitLambda(Lambda node, Void context) {
        return "(" + formatList(node.parameters()) + ") -> " + format(node.body());
    }

    @Override
    public String visitArrayConstructor(ArrayConstructor node, Void context) {
        return "ARRAY[" + formatList(node.values()) + "]";
    }

    @Override
    public String visitRowConstructor(RowConstructor node, Void context) {
        return "ROW(" + formatList(node.values()) + ")";
    }

    @Override
    public String visitSubscript(Subscript node, Void context) {
        return operand(node.base(), Precedence.PRIMARY) + "[" + format(node.index()) + "]";
    }

    @Override
    public String visitCurrentTime(CurrentTime node, Void context) {
        return node.function().name();
    }

    @Override
    public String visitGenericDataType(GenericDataType node, Void context) {
        String name = identifier(node.name());
        return node.parameters().isEmpty() ? name : name + "(" + formatList(node.parameters()) + ")";
    }

    @Override
    public String visitNumericParameter(NumericParameter node, Void context) {
        return Long.toString(node.value());
    }

    @Override
    public String visitTypeParameter(TypeParameter node, Void context) {
        return format(node.type());
    }

    @Override
    public String visitRowDataType(RowDataType node, Void context) {
        List<String> fields = new ArrayList<>();
        node.fields().forEach(field -> fields.add(
                field.name().map(name -> identifier(name) + " ").orElse("") + format(field.type())));
        return "ROW(" + String.join(", ", fields) + ")";
    }

    @Override
    public String visitIntervalDataType(IntervalDataType node, Void context) {
        return "INTERVAL " + node.from() + " TO " + node.to();
    }
}
