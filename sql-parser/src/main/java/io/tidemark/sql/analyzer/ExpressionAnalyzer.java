package io.tidemark.sql.analyzer;

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
import io.tidemark.sql.ast.FunctionCall;
import io.tidemark.sql.ast.Identifier;
import io.tidemark.sql.ast.InList;
import io.tidemark.sql.ast.InPredicate;
import io.tidemark.sql.ast.IntervalLiteral;
import io.tidemark.sql.ast.IsNullPredicate;
import io.tidemark.sql.ast.Lambda;
import io.tidemark.sql.ast.LikePredicate;
import io.tidemark.sql.ast.Logical;
import io.tidemark.sql.ast.LongLiteral;
import io.tidemark.sql.ast.Node;
import io.tidemark.sql.ast.Not;
import io.tidemark.sql.ast.NullLiteral;
import io.tidemark.sql.ast.Parameter;
import io.tidemark.sql.ast.QuantifiedComparison;
import io.tidemark.sql.ast.Query;
import io.tidemark.sql.ast.RowConstructor;
import io.tidemark.sql.ast.SearchedCase;
import io.tidemark.sql.ast.SimpleCase;
import io.tidemark.sql.ast.StringLiteral;
import io.tidemark.sql.ast.SubqueryExpression;
import io.tidemark.sql.ast.Subscript;
import io.tidemark.sql.ast.TypedLiteral;
import io.tidemark.sql.ast.WhenClause;
import io.tidemark.sql.format.SqlFormatter;
import io.tidemark.sql.function.ArgumentType;
import io.tidemark.sql.function.FunctionCatalog;
import io.tidemark.sql.type.ArrayType;
import io.tidemark.sql.type.MapType;
import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.sql.type.RowType;
import io.tidemark.sql.type.SqlType;
import io.tidemark.sql.type.TypeCoercion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Types one expression tree in a scope, recording every node's type, column resolution and
 * function overload in the {@link Analysis}. Operators follow {@link OperatorTypes}; function
 * calls go through the {@link FunctionCatalog} (with {@link FunctionCallAnalyzer}); subqueries are
 * handed back to the statement analyzer. Errors use Trino's wording.
 */
final class ExpressionAnalyzer implements AstVisitor<SqlType, Scope> {

    /** The parameter a scheduled query binds to the time it runs as. */
    static final String SCHEDULED_RUNTIME = "scheduled_runtime";

    /** Analyzes a nested query whose outer references resolve in the given scope; returns its output fields. */
    interface SubqueryAnalyzer {
        List<Field> analyze(Query query, Scope scope);
    }

    private final Analysis analysis;
    private final SubqueryAnalyzer subqueries;
    private final FunctionCallAnalyzer calls;

    ExpressionAnalyzer(Analysis analysis, FunctionCatalog functions, SubqueryAnalyzer subqueries) {
        this.analysis = analysis;
        this.subqueries = subqueries;
        this.calls = new FunctionCallAnalyzer(this, analysis, functions);
    }

    SqlType analyze(Expression expression, Scope scope) {
        SqlType type = expression.accept(this, scope);
        analysis.recordType(expression, type);
        return type;
    }

    /** Analyzes a condition (WHERE, HAVING, ON, FILTER ...) that must be boolean. */
    void analyzeCondition(Expression expression, Scope scope, String clause) {
        SqlType type = analyze(expression, scope);
        if (!TypeCoercion.canCoerce(type, PrimitiveType.BOOLEAN)) {
            throw new SemanticException(expression.location(), clause + " must evaluate to a boolean: actual type " + type.displayName());
        }
    }

    List<Field> analyzeSubquery(Query query, Scope scope) {
        return subqueries.analyze(query, scope);
    }

    static String sql(Node node) {
        return SqlFormatter.formatSql(node);
    }

    @Override
    public SqlType visitNode(Node node, Scope scope) {
        throw new SemanticException(node.location(), "Unsupported expression: " + sql(node));
    }

    @Override
    public SqlType visitIdentifier(Identifier node, Scope scope) {
        Scope.Resolution resolution = scope.resolve(List.of(), node)
                .orElseThrow(() -> new SemanticException(node.location(), "Column '" + node.value() + "' cannot be resolved"));
        analysis.recordColumnReference(node, resolution);
        return resolution.field().type();
    }

    @Override
    public SqlType visitDereferenceExpression(DereferenceExpression node, Scope scope) {
        Optional<List<Identifier>> qualifier = qualifiedName(node.base());
        if (qualifier.isPresent()) {
            Optional<Scope.Resolution> column = scope.resolve(qualifier.get(), node.field());
            if (column.isPresent()) {
                analysis.recordColumnReference(node, column.get());
                return column.get().field().type();
            }
            List<Identifier> parts = qualifier.get();
            if (scope.resolve(parts.subList(0, parts.size() - 1), parts.get(parts.size() - 1)).isEmpty()) {
                throw new SemanticException(node.location(), "Column '" + Names.display(parts, node.field()) + "' cannot be resolved");
            }
        }
        SqlType base = analyze(node.base(), scope);
        if (base instanceof RowType row) {
            for (RowType.Field field : row.fields()) {
                if (field.name().isPresent() && Names.matches(node.field(), field.name().get())) {
                    return field.type();
                }
            }
            throw new SemanticException(node.field().location(), "Field '" + node.field().value() + "' not found in " + row.displayName());
        }
        throw new SemanticException(node.base().location(), "Expression " + sql(node.base()) + " is not of type ROW");
    }

    /** The parts of {@code a.b.c} if the expression is only names joined by dots. */
    private static Optional<List<Identifier>> qualifiedName(Expression expression) {
        if (expression instanceof Identifier identifier) {
            return Optional.of(List.of(identifier));
        }
        if (expression instanceof DereferenceExpression dereference) {
            return qualifiedName(dereference.base()).map(parts -> {
                List<Identifier> longer = new ArrayList<>(parts);
                longer.add(dereference.field());
                return longer;
            });
        }
        return Optional.empty();
    }

    @Override
    public SqlType visitLongLiteral(LongLiteral node, Scope scope) {
        return PrimitiveType.BIGINT;
    }

    @Override
    public SqlType visitDecimalLiteral(DecimalLiteral node, Scope scope) {
        return PrimitiveType.DOUBLE;
    }

    @Override
    public SqlType visitDoubleLiteral(DoubleLiteral node, Scope scope) {
        return PrimitiveType.DOUBLE;
    }

    @Override
    public SqlType visitStringLiteral(StringLiteral node, Scope scope) {
        return PrimitiveType.VARCHAR;
    }

    @Override
    public SqlType visitBooleanLiteral(BooleanLiteral node, Scope scope) {
        return PrimitiveType.BOOLEAN;
    }

    @Override
    public SqlType visitNullLiteral(NullLiteral node, Scope scope) {
        return PrimitiveType.UNKNOWN;
    }

    @Override
    public SqlType visitDurationLiteral(DurationLiteral node, Scope scope) {
        return PrimitiveType.INTERVAL_DAY_TO_SECOND;
    }

    @Override
    public SqlType visitIntervalLiteral(IntervalLiteral node, Scope scope) {
        return LiteralTypes.interval(node);
    }

    @Override
    public SqlType visitTypedLiteral(TypedLiteral node, Scope scope) {
        return LiteralTypes.typed(node);
    }

    @Override
    public SqlType visitParameter(Parameter node, Scope scope) {
        // the time a scheduled query runs as; any other parameter is typed by its use, if at all
        return node.name().equalsIgnoreCase(SCHEDULED_RUNTIME) ? PrimitiveType.TIMESTAMP : PrimitiveType.UNKNOWN;
    }

    /**
     * Gives each {@code @name} parameter among {@code operands} still of unknown type the common
     * type of the typed operands it is compared with ({@code host = @h}: varchar).
     */
    private void typeParameters(List<Expression> operands, List<SqlType> types) {
        List<SqlType> known = types.stream().filter(t -> t != PrimitiveType.UNKNOWN).toList();
        Optional<SqlType> common = known.isEmpty() ? Optional.empty() : TypeCoercion.commonSuperType(known);
        if (common.isEmpty()) {
            return;
        }
        for (int i = 0; i < operands.size(); i++) {
            if (operands.get(i) instanceof Parameter parameter && types.get(i) == PrimitiveType.UNKNOWN) {
                analysis.recordType(parameter, common.get());
            }
        }
    }

    @Override
    public SqlType visitCurrentTime(CurrentTime node, Scope scope) {
        switch (node.function()) {
            case CURRENT_DATE:
                return PrimitiveType.DATE;
            case CURRENT_TIME:
            case LOCALTIME:
                return PrimitiveType.TIME;
            default:
                return PrimitiveType.TIMESTAMP;
        }
    }

    @Override
    public SqlType visitArithmeticBinary(ArithmeticBinary node, Scope scope) {
        SqlType left = analyze(node.left(), scope);
        SqlType right = analyze(node.right(), scope);
        return OperatorTypes.arithmetic(node.operator(), left, right).orElseThrow(() -> new SemanticException(node.location(),
                "Cannot apply operator: " + left.displayName() + " " + node.operator().symbol() + " " + right.displayName()));
    }

    @Override
    public SqlType visitArithmeticUnary(ArithmeticUnary node, Scope scope) {
        SqlType value = analyze(node.value(), scope);
        return OperatorTypes.negate(value).orElseThrow(() -> new SemanticException(node.location(),
                "Cannot apply operator: " + (node.negative() ? "-" : "+") + value.displayName()));
    }

    @Override
    public SqlType visitConcatenation(Concatenation node, Scope scope) {
        List<ArgumentType> arguments = List.of(new ArgumentType.Value(analyze(node.left(), scope)), new ArgumentType.Value(analyze(node.right(), scope)));
        return calls.resolveOperator(node, "concat", arguments);
    }

    @Override
    public SqlType visitComparison(Comparison node, Scope scope) {
        SqlType left = analyze(node.left(), scope);
        SqlType right = analyze(node.right(), scope);
        checkComparable(node, node.operator(), left, right);
        typeParameters(List.of(node.left(), node.right()), List.of(left, right));
        return PrimitiveType.BOOLEAN;
    }

    private static void checkComparable(Node node, Comparison.Operator operator, SqlType left, SqlType right) {
        Optional<SqlType> common = TypeCoercion.commonSuperType(left, right);
        boolean ordering = switch (operator) {
            case LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL -> true;
            default -> false;
        };
        if (common.isEmpty() || (ordering ? !common.get().isOrderable() : !common.get().isComparable())) {
            throw new SemanticException(node.location(), "'" + operator.sql() + "' cannot be applied to " + left.displayName() + ", " + right.displayName());
        }
    }

    @Override
    public SqlType visitLogical(Logical node, Scope scope) {
        for (Expression term : node.terms()) {
            SqlType type = analyze(term, scope);
            if (!TypeCoercion.canCoerce(type, PrimitiveType.BOOLEAN)) {
                throw new SemanticException(term.location(), "Logical expression term must evaluate to a boolean (actual: " + type.displayName() + ")");
            }
        }
        return PrimitiveType.BOOLEAN;
    }

    @Override
    public SqlType visitNot(Not node, Scope scope) {
        SqlType type = analyze(node.value(), scope);
        if (!TypeCoercion.canCoerce(type, PrimitiveType.BOOLEAN)) {
            throw new SemanticException(node.value().location(), "Value of logical NOT expression must evaluate to a boolean (actual: " + type.displayName() + ")");
        }
        return PrimitiveType.BOOLEAN;
    }

    @Override
    public SqlType visitIsNullPredicate(IsNullPredicate node, Scope scope) {
        analyze(node.value(), scope);
        return PrimitiveType.BOOLEAN;
    }

    @Override
    public SqlType visitInPredicate(InPredicate node, Scope scope) {
        SqlType value = analyze(node.value(), scope);
        List<SqlType> types = new ArrayList<>(List.of(value));
        if (node.valueList() instanceof InList list) {
            for (Expression item : list.values()) {
                types.add(analyze(item, scope));
            }
            List<Expression> operands = new ArrayList<>(List.of(node.value()));
            operands.addAll(list.values());
            typeParameters(operands, types);
            analysis.recordType(list, value);
        } else {
            types.add(analyze(node.valueList(), scope));
        }
        Optional<SqlType> common = TypeCoercion.commonSuperType(types);
        if (common.isEmpty() || !common.get().isComparable()) {
            throw new SemanticException(node.location(), "IN value and list items must be the same type: "
                    + types.stream().map(SqlType::displayName).distinct().collect(Collectors.joining(", ")));
        }
        return PrimitiveType.BOOLEAN;
    }

    @Override
    public SqlType visitBetweenPredicate(BetweenPredicate node, Scope scope) {
        SqlType value = analyze(node.value(), scope);
        SqlType min = analyze(node.min(), scope);
        SqlType max = analyze(node.max(), scope);
        Optional<SqlType> common = TypeCoercion.commonSuperType(List.of(value, min, max));
        if (common.isEmpty() || !common.get().isOrderable()) {
            throw new SemanticException(node.location(), "Cannot check if " + value.displayName() + " is BETWEEN "
                    + min.displayName() + " and " + max.displayName());
        }
        typeParameters(List.of(node.value(), node.min(), node.max()), List.of(value, min, max));
        return PrimitiveType.BOOLEAN;
    }

    @Override
    public SqlType visitLikePredicate(LikePredicate node, Scope scope) {
        requireVarchar(node.value(), scope, "Left side of LIKE expression");
        requireVarchar(node.pattern(), scope, "Pattern for LIKE expression");
        node.escape().ifPresent(escape -> requireVarchar(escape, scope, "Escape for LIKE expression"));
        return PrimitiveType.BOOLEAN;
    }

    private void requireVarchar(Expression expression, Scope scope, String what) {
        SqlType type = analyze(expression, scope);
        if (!TypeCoercion.canCoerce(type, PrimitiveType.VARCHAR)) {
            throw new SemanticException(expression.location(), what + " must evaluate to a varchar (actual: " + type.displayName() + ")");
        }
    }

    @Override
    public SqlType visitQuantifiedComparison(QuantifiedComparison node, Scope scope) {
        SqlType value = analyze(node.value(), scope);
        SqlType subquery = analyze(node.subquery(), scope);
        checkComparable(node, node.operator(), value, subquery);
        return PrimitiveType.BOOLEAN;
    }

    @Override
    public SqlType visitExistsPredicate(ExistsPredicate node, Scope scope) {
        analyzeSubquery(node.query(), scope);
        return PrimitiveType.BOOLEAN;
    }

    @Override
    public SqlType visitSubqueryExpression(SubqueryExpression node, Scope scope) {
        List<Field> fields = analyzeSubquery(node.query(), scope);
        if (fields.size() != 1) {
            throw new SemanticException(node.location(), "Multiple columns returned by subquery are not yet supported. Found " + fields.size());
        }
        return fields.get(0).type();
    }

    @Override
    public SqlType visitFunctionCall(FunctionCall node, Scope scope) {
        return calls.analyze(node, scope);
    }

    @Override
    public SqlType visitLambda(Lambda node, Scope scope) {
        throw new SemanticException(node.location(), "Lambda expression should always be used inside a function");
    }

    @Override
    public SqlType visitSearchedCase(SearchedCase node, Scope scope) {
        List<SqlType> results = new ArrayList<>();
        for (WhenClause when : node.whenClauses()) {
            analyzeCondition(when.operand(), scope, "CASE WHEN clause");
            results.add(analyze(when.result(), scope));
        }
        node.defaultValue().ifPresent(value -> results.add(analyze(value, scope)));
        return commonCaseType(node, results);
    }

    @Override
    public SqlType visitSimpleCase(SimpleCase node, Scope scope) {
        SqlType operand = analyze(node.operand(), scope);
        List<SqlType> results = new ArrayList<>();
        for (WhenClause when : node.whenClauses()) {
            SqlType candidate = analyze(when.operand(), scope);
            checkComparable(when, Comparison.Operator.EQUAL, operand, candidate);
            results.add(analyze(when.result(), scope));
        }
        node.defaultValue().ifPresent(value -> results.add(analyze(value, scope)));
        return commonCaseType(node, results);
    }

    private static SqlType commonCaseType(Node node, List<SqlType> results) {
        return TypeCoercion.commonSuperType(results).orElseThrow(() -> new SemanticException(node.location(),
                "All CASE results must be the same type or coercible to a common type: "
                        + results.stream().map(SqlType::displayName).distinct().collect(Collectors.joining(", "))));
    }

    @Override
    public SqlType visitCast(Cast node, Scope scope) {
        SqlType value = analyze(node.value(), scope);
        SqlType target = TypeResolver.resolve(node.type());
        if (!TypeCoercion.canCast(value, target)) {
            throw new SemanticException(node.location(), "Cannot cast " + value.displayName() + " to " + target.displayName());
        }
        return target;
    }

    @Override
    public SqlType visitExtract(Extract node, Scope scope) {
        SqlType value = analyze(node.value(), scope);
        if (!ExtractFields.accepts(node.field(), value)) {
            throw new SemanticException(node.location(), "Cannot extract " + node.field().value() + " from " + value.displayName());
        }
        return PrimitiveType.BIGINT;
    }

    @Override
    public SqlType visitArrayConstructor(ArrayConstructor node, Scope scope) {
        List<SqlType> elements = new ArrayList<>();
        for (Expression value : node.values()) {
            elements.add(analyze(value, scope));
        }
        SqlType element = TypeCoercion.commonSuperType(elements).orElseThrow(() -> new SemanticException(node.location(),
                "All ARRAY elements must be the same type: " + elements.stream().map(SqlType::displayName).distinct().collect(Collectors.joining(", "))));
        return new ArrayType(element);
    }

    @Override
    public SqlType visitRowConstructor(RowConstructor node, Scope scope) {
        List<RowType.Field> fields = new ArrayList<>();
        for (Expression value : node.values()) {
            fields.add(RowType.Field.anonymous(analyze(value, scope)));
        }
        return new RowType(fields);
    }

    @Override
    public SqlType visitSubscript(Subscript node, Scope scope) {
        SqlType base = analyze(node.base(), scope);
        SqlType index = analyze(node.index(), scope);
        if (base == PrimitiveType.UNKNOWN) {
            return PrimitiveType.UNKNOWN;
        }
        if (base instanceof ArrayType array && TypeCoercion.canCoerce(index, PrimitiveType.BIGINT)) {
            return array.elementType();
        }
        if (base instanceof MapType map && TypeCoercion.canCoerce(index, map.keyType())) {
            return map.valueType();
        }
        if (base instanceof RowType row && node.index() instanceof LongLiteral position
                && position.value() >= 1 && position.value() <= row.fields().size()) {
            return row.fields().get((int) position.value() - 1).type();
        }
        throw new SemanticException(node.location(), "Cannot use " + index.displayName() + " for subscript of " + base.displayName());
    }
}
