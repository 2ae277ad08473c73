package io.tidemark.engine.query.expression;

import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.sql.analyzer.Analysis;
import io.tidemark.sql.ast.ArithmeticBinary;
import io.tidemark.sql.ast.BetweenPredicate;
import io.tidemark.sql.ast.BooleanLiteral;
import io.tidemark.sql.ast.Cast;
import io.tidemark.sql.ast.Comparison;
import io.tidemark.sql.ast.CurrentTime;
import io.tidemark.sql.ast.DecimalLiteral;
import io.tidemark.sql.ast.DereferenceExpression;
import io.tidemark.sql.ast.DoubleLiteral;
import io.tidemark.sql.ast.DurationLiteral;
import io.tidemark.sql.ast.Expression;
import io.tidemark.sql.ast.Identifier;
import io.tidemark.sql.ast.InList;
import io.tidemark.sql.ast.InPredicate;
import io.tidemark.sql.ast.IntervalLiteral;
import io.tidemark.sql.ast.IsNullPredicate;
import io.tidemark.sql.ast.LikePredicate;
import io.tidemark.sql.ast.Logical;
import io.tidemark.sql.ast.LongLiteral;
import io.tidemark.sql.ast.Node;
import io.tidemark.sql.ast.Not;
import io.tidemark.sql.ast.NullLiteral;
import io.tidemark.sql.ast.StringLiteral;
import io.tidemark.sql.ast.TypedLiteral;
import io.tidemark.sql.type.PrimitiveType;

/**
 * A compiled expression that cannot fail on any row (column reads, literals, comparisons, IS NULL,
 * IN over values, LIKE with a literal pattern, double arithmetic, TRY_CAST, logic over those). A
 * lazy operator (AND, OR, CASE, coalesce) evaluates such a term on the whole batch and picks the
 * rows it needs from the result, instead of first copying every column of those rows: the
 * laziness only matters for terms that can raise an error.
 */
record Infallible(VectorExpression expression) implements VectorExpression {

    @Override
    public io.tidemark.sql.type.SqlType type() {
        return expression.type();
    }

    @Override
    public Vector evaluate(Batch batch, EvalContext context) {
        return expression.evaluate(batch, context);
    }

    /** {@code compiled} marked infallible when its syntax tree cannot raise an error. */
    static VectorExpression markIfInfallible(Expression syntax, VectorExpression compiled, Analysis analysis) {
        return cannotFail(syntax, analysis) ? new Infallible(compiled) : compiled;
    }

    static boolean cannotFail(Node node, Analysis analysis) {
        if (node instanceof Identifier || node instanceof LongLiteral || node instanceof DoubleLiteral || node instanceof DecimalLiteral
                || node instanceof StringLiteral || node instanceof BooleanLiteral || node instanceof NullLiteral || node instanceof TypedLiteral
                || node instanceof IntervalLiteral || node instanceof DurationLiteral || node instanceof CurrentTime) {
            return true;
        }
        if (node instanceof DereferenceExpression dereference) {
            return analysis.columnReference(dereference).isPresent();
        }
        if (node instanceof ArithmeticBinary arithmetic) {
            return analysis.type(arithmetic) == PrimitiveType.DOUBLE && children(node, analysis);
        }
        if (node instanceof Cast cast) {
            return cast.safe() && cannotFail(cast.value(), analysis);
        }
        if (node instanceof LikePredicate like) {
            return like.pattern() instanceof StringLiteral && like.escape().map(e -> e instanceof StringLiteral).orElse(true)
                    && cannotFail(like.value(), analysis);
        }
        if (node instanceof InPredicate in) {
            return in.valueList() instanceof InList && children(node, analysis);
        }
        if (node instanceof Comparison || node instanceof BetweenPredicate || node instanceof Logical || node instanceof Not
                || node instanceof IsNullPredicate || node instanceof InList) {
            return children(node, analysis);
        }
        return false;
    }

    private static boolean children(Node node, Analysis analysis) {
        for (Node child : node.children()) {
            if (!cannotFail(child, analysis)) {
                return false;
            }
        }
        return true;
    }
}
