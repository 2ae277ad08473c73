package io.tidemark.engine.query.expression;

import io.tidemark.engine.query.function.QueryFunctionException;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.sql.analyzer.Analysis;
import io.tidemark.sql.analyzer.Field;
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
import io.tidemark.sql.ast.Not;
import io.tidemark.sql.ast.NullLiteral;
import io.tidemark.sql.ast.Parameter;
import io.tidemark.sql.ast.QuantifiedComparison;
import io.tidemark.sql.ast.RowConstructor;
import io.tidemark.sql.ast.SearchedCase;
import io.tidemark.sql.ast.SimpleCase;
import io.tidemark.sql.ast.StringLiteral;
import io.tidemark.sql.ast.Subscript;
import io.tidemark.sql.ast.SubqueryExpression;
import io.tidemark.sql.ast.TypedLiteral;
import io.tidemark.sql.ast.WhenClause;
import io.tidemark.sql.type.ArrayType;
import io.tidemark.sql.type.MapType;
import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.sql.type.RowType;
import io.tidemark.sql.type.SqlType;
import io.tidemark.sql.type.TypeCoercion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One compilation against one {@link InputLayout}: the visitor that compiles each node kind. */
final class Compilation implements AstVisitor<VectorExpression, Void> {

    private final ExpressionCompiler compiler;
    private final Analysis analysis;
    private final InputLayout layout;
    private final Calls calls;

    Compilation(ExpressionCompiler compiler, InputLayout layout) {
        this.compiler = compiler;
        this.analysis = compiler.analysis();
        this.layout = layout;
        this.calls = new Calls(compiler, this, layout);
    }

    VectorExpression compile(Expression expression) {
        int computed = layout.computedChannelOf(expression);
        if (computed >= 0) {
            return new ColumnExpression(computed, analysis.type(expression));
        }
        VectorExpression compiled;
        try {
            compiled = expression.accept(this, null);
        } catch (QueryFunctionException e) {
            throw ExpressionCompiler.error(expression, e);
        }
        if (compiled == null) {
            throw ExpressionCompiler.error(expression, "Unsupported expression: " + expression.getClass().getSimpleName());
        }
        if (computesTime(expression)) {
            try {
                return NonNegativeTime.wrap(compiled);
            } catch (QueryFunctionException e) {
                throw ExpressionCompiler.error(expression, e);
            }
        }
        return compiled;
    }

    /** A timestamp made by a function, arithmetic, a cast or a literal (not read from a column, not TRY_CAST). */
    private boolean computesTime(Expression expression) {
        if (type(expression) != PrimitiveType.TIMESTAMP) {
            return false;
        }
        return expression instanceof FunctionCall || expression instanceof ArithmeticBinary
                || expression instanceof ArithmeticUnary || expression instanceof TypedLiteral
                || (expression instanceof Cast cast && !cast.safe());
    }

    /** Compiles and converts to {@code type} (the implicit coercion the analyzer's typing implies). */
    VectorExpression compile(Expression expression, SqlType type) {
        return Casts.cast(compile(expression), type, false);
    }

    /** Compiles an operand a lazy operator evaluates on some rows only (see {@link Infallible}). */
    VectorExpression lazy(Expression expression, SqlType type) {
        return Infallible.markIfInfallible(expression, compile(expression, type), analysis);
    }

    private SqlType type(Expression expression) {
        return analysis.type(expression);
    }

    private SqlType common(List<Expression> expressions) {
        List<SqlType> types = new ArrayList<>();
        for (Expression expression : expressions) {
            types.add(type(expression));
        }
        return TypeCoercion.commonSuperType(types).orElse(types.get(0));
    }

    // ---- column references and literals

    @Override
    public VectorExpression visitIdentifier(Identifier node, Void context) {
        return reference(node, analysis.columnReference(node).orElseThrow(() -> ExpressionCompiler.error(node,
                "Column '" + node.value() + "' was not resolved by the analysis")));
    }

    @Override
    public VectorExpression visitDereferenceExpression(DereferenceExpression node, Void context) {
        Optional<Field> column = analysis.columnReference(node);
        if (column.isPresent()) {
            return reference(node, column.get());
        }
        VectorExpression base = compile(node.base());
        if (base.type() == PrimitiveType.UNKNOWN) {
            return new ConstantExpression(type(node), null);
        }
        RowType row = (RowType) base.type();
        String name = node.field().value();
        for (int i = 0; i < row.fields().size(); i++) {
            Optional<String> fieldName = row.fields().get(i).name();
            if (fieldName.isPresent() && (node.field().delimited() ? fieldName.get().equals(name) : fieldName.get().equalsIgnoreCase(name))) {
                return Structures.rowField(row.fields().get(i).type(), base, i);
            }
        }
        throw ExpressionCompiler.error(node, "Field '" + name + "' not found in " + row.displayName());
    }

    /** A column: its channel (zero copy), or the constant an outer row bound it to. */
    VectorExpression reference(Expression node, Field field) {
        int channel = layout.channelOf(field);
        if (channel >= 0) {
            return new ColumnExpression(channel, field.type());
        }
        Optional<InputLayout.BoundValue> bound = layout.outerValue(field);
        if (bound.isPresent()) {
            return Casts.cast(new ConstantExpression(bound.get().type(), bound.get().value()), field.type(), false);
        }
        throw ExpressionCompiler.error(node, "cannot compile a reference to a column the input does not hold: column=" + field);
    }

    @Override
    public VectorExpression visitLongLiteral(LongLiteral node, Void context) {
        return new ConstantExpression(PrimitiveType.BIGINT, node.value());
    }

    @Override
    public VectorExpression visitDecimalLiteral(DecimalLiteral node, Void context) {
        return new ConstantExpression(PrimitiveType.DOUBLE, Double.parseDouble(node.value()));
    }

    @Override
    public VectorExpression visitDoubleLiteral(DoubleLiteral node, Void context) {
        return new ConstantExpression(PrimitiveType.DOUBLE, node.value());
    }

    @Override
    public VectorExpression visitStringLiteral(StringLiteral node, Void context) {
        return new ConstantExpression(PrimitiveType.VARCHAR, node.value());
    }

    @Override
    public VectorExpression visitBooleanLiteral(BooleanLiteral node, Void context) {
        return new ConstantExpression(PrimitiveType.BOOLEAN, node.value());
    }

    @Override
    public VectorExpression visitNullLiteral(NullLiteral node, Void context) {
        return new ConstantExpression(PrimitiveType.UNKNOWN, null);
    }

    @Override
    public VectorExpression visitTypedLiteral(TypedLiteral node, Void context) {
        return new ConstantExpression(type(node), Literals.typed(node, type(node)));
    }

    @Override
    public VectorExpression visitIntervalLiteral(IntervalLiteral node, Void context) {
        return new ConstantExpression(type(node), Literals.interval(node));
    }

    @Override
    public VectorExpression visitDurationLiteral(DurationLiteral node, Void context) {
        return new ConstantExpression(PrimitiveType.INTERVAL_DAY_TO_SECOND, Literals.duration(node));
    }

    @Override
    public VectorExpression visitParameter(Parameter node, Void context) {
        throw ExpressionCompiler.error(node, "Query parameters are not bound");
    }

    @Override
    public VectorExpression visitCurrentTime(CurrentTime node, Void context) {
        return DateTimeFields.current(node.function(), type(node));
    }

    // ---- operators

    @Override
    public VectorExpression visitArithmeticBinary(ArithmeticBinary node, Void context) {
        SqlType result = type(node);
        SqlType left = type(node.left());
        SqlType right = type(node.right());
        boolean numeric = result instanceof PrimitiveType p && p.isNumeric();
        VectorExpression l = numeric ? compile(node.left(), result) : compile(node.left());
        VectorExpression r = numeric ? compile(node.right(), result) : compile(node.right());
        if (left == PrimitiveType.UNKNOWN || right == PrimitiveType.UNKNOWN) {
            return new ConstantExpression(result, null);
        }
        return Arithmetic.binary(node.operator(), l, r, result);
    }

    @Override
    public VectorExpression visitArithmeticUnary(ArithmeticUnary node, Void context) {
        VectorExpression value = compile(node.value());
        if (!node.negative()) {
            return value;
        }
        VectorExpression negated = Arithmetic.negate(value);
        if (value instanceof ConstantExpression constant && !constant.isNull()) {
            try {
                // fold -5 into a constant so "column op -5" takes the column-constant loops
                return new ConstantExpression(negated.type(), negated.evaluate(new Batch(List.of(), 1), null).get(0));
            } catch (QueryFunctionException e) {
                return negated;
            }
        }
        return negated;
    }

    @Override
    public VectorExpression visitComparison(Comparison node, Void context) {
        SqlType common = common(List.of(node.left(), node.right()));
        return Comparisons.compare(node.operator(), compile(node.left(), common), compile(node.right(), common));
    }

    @Override
    public VectorExpression visitBetweenPredicate(BetweenPredicate node, Void context) {
        SqlType common = common(List.of(node.value(), node.min(), node.max()));
        return Comparisons.between(compile(node.value(), common), compile(node.min(), common), compile(node.max(), common), node.negated());
    }

    @Override
    public VectorExpression visitLogical(Logical node, Void context) {
        List<VectorExpression> terms = new ArrayList<>();
        for (Expression term : node.terms()) {
            terms.add(Infallible.markIfInfallible(term, compile(term, PrimitiveType.BOOLEAN), analysis));
        }
        return Logic.lazy(node.operator() == Logical.Operator.OR, terms);
    }

    @Override
    public VectorExpression visitNot(Not node, Void context) {
        return Logic.not(compile(node.value(), PrimitiveType.BOOLEAN));
    }

    @Override
    public VectorExpression visitIsNullPredicate(IsNullPredicate node, Void context) {
        return Logic.isNull(compile(node.value()), node.negated());
    }

    @Override
    public VectorExpression visitInPredicate(InPredicate node, Void context) {
        if (node.valueList() instanceof InList list) {
            List<Expression> all = new ArrayList<>(List.of(node.value()));
            all.addAll(list.values());
            SqlType common = common(all);
            List<VectorExpression> items = new ArrayList<>();
            for (Expression item : list.values()) {
                items.add(compile(item, common));
            }
            return InListExpression.of(compile(node.value(), common), items, node.negated());
        }
        SubqueryExpression subquery = (SubqueryExpression) node.valueList();
        SqlType common = common(List.of(node.value(), subquery));
        VectorExpression in = Subqueries.quantified(calls.subquery(subquery.query()), compile(node.value(), common),
                Comparisons.code(Comparison.Operator.EQUAL), QuantifiedComparison.Quantifier.ANY);
        return node.negated() ? Logic.not(in) : in;
    }

    @Override
    public VectorExpression visitQuantifiedComparison(QuantifiedComparison node, Void context) {
        SqlType common = common(List.of(node.value(), node.subquery()));
        return Subqueries.quantified(calls.subquery(((SubqueryExpression) node.subquery()).query()), compile(node.value(), common),
                Comparisons.code(node.operator()), node.quantifier());
    }

    @Override
    public VectorExpression visitExistsPredicate(ExistsPredicate node, Void context) {
        return Subqueries.exists(calls.subquery(node.query()));
    }

    @Override
    public VectorExpression visitSubqueryExpression(SubqueryExpression node, Void context) {
        return Subqueries.scalar(calls.subquery(node.query()), type(node));
    }

    @Override
    public VectorExpression visitLikePredicate(LikePredicate node, Void context) {
        return LikePattern.like(compile(node.value(), PrimitiveType.VARCHAR), compile(node.pattern(), PrimitiveType.VARCHAR),
                node.escape().map(escape -> compile(escape, PrimitiveType.VARCHAR)).orElse(null), node.negated());
    }

    @Override
    public VectorExpression visitConcatenation(Concatenation node, Void context) {
        SqlType result = type(node);
        if (result instanceof ArrayType array) {
            VectorExpression left = compile(node.left(), type(node.left()) instanceof ArrayType ? array : array.elementType());
            VectorExpression right = compile(node.right(), type(node.right()) instanceof ArrayType ? array : array.elementType());
            return Structures.concatArrays(array, left, right);
        }
        return Structures.concatStrings(result, compile(node.left(), result), compile(node.right(), result));
    }

    // ---- conditionals, casts, functions

    @Override
    public VectorExpression visitSearchedCase(SearchedCase node, Void context) {
        SqlType result = type(node);
        List<Conditionals.Branch> branches = new ArrayList<>();
        for (WhenClause when : node.whenClauses()) {
            branches.add(new Conditionals.Branch(lazy(when.operand(), PrimitiveType.BOOLEAN), lazy(when.result(), result)));
        }
        return Conditionals.searched(result, branches, node.defaultValue().map(value -> lazy(value, result)));
    }

    @Override
    public VectorExpression visitSimpleCase(SimpleCase node, Void context) {
        SqlType result = type(node);
        List<Expression> compared = new ArrayList<>(List.of(node.operand()));
        node.whenClauses().forEach(when -> compared.add(when.operand()));
        SqlType common = common(compared);
        List<Conditionals.Branch> branches = new ArrayList<>();
        for (WhenClause when : node.whenClauses()) {
            branches.add(new Conditionals.Branch(lazy(when.operand(), common), lazy(when.result(), result)));
        }
        return Conditionals.simple(result, compile(node.operand(), common), branches, node.defaultValue().map(value -> lazy(value, result)));
    }

    @Override
    public VectorExpression visitCast(Cast node, Void context) {
        return Casts.cast(compile(node.value()), type(node), node.safe());
    }

    @Override
    public VectorExpression visitFunctionCall(FunctionCall node, Void context) {
        return calls.call(node);
    }

    @Override
    public VectorExpression visitLambda(Lambda node, Void context) {
        return calls.lambda(node);
    }

    @Override
    public VectorExpression visitExtract(Extract node, Void context) {
        VectorExpression value = compile(node.value());
        if (value.type() == PrimitiveType.UNKNOWN) {
            return new ConstantExpression(PrimitiveType.BIGINT, null);
        }
        return DateTimeFields.extract(node.field().value(), value);
    }

    // ---- arrays, maps, rows

    @Override
    public VectorExpression visitArrayConstructor(ArrayConstructor node, Void context) {
        ArrayType type = (ArrayType) type(node);
        List<VectorExpression> elements = new ArrayList<>();
        for (Expression value : node.values()) {
            elements.add(compile(value, type.elementType()));
        }
        return Structures.arrayOf(type, elements);
    }

    @Override
    public VectorExpression visitRowConstructor(RowConstructor node, Void context) {
        List<VectorExpression> fields = new ArrayList<>();
        for (Expression value : node.values()) {
            fields.add(compile(value));
        }
        return Structures.rowOf(type(node), fields);
    }

    @Override
    public VectorExpression visitSubscript(Subscript node, Void context) {
        VectorExpression base = compile(node.base());
        SqlType baseType = base.type();
        if (baseType instanceof ArrayType) {
            return Structures.arraySubscript(type(node), base, compile(node.index(), PrimitiveType.BIGINT));
        }
        if (baseType instanceof MapType map) {
            return Structures.mapSubscript(map, base, compile(node.index(), map.keyType()));
        }
        if (baseType instanceof RowType) {
            return Structures.rowField(type(node), base, (int) ((LongLiteral) node.index()).value() - 1);
        }
        return new ConstantExpression(type(node), null);
    }
}
