package io.tidemark.engine.query.expression;

import io.tidemark.engine.EngineException;
import io.tidemark.engine.query.function.QueryFunctionException;
import io.tidemark.engine.query.function.ScalarFunctionRegistry;
import io.tidemark.sql.analyzer.Analysis;
import io.tidemark.sql.ast.Expression;
import io.tidemark.sql.ast.Node;

/**
 * Compiles analyzed value expressions into {@link VectorExpression}s over batches laid out as an
 * {@link InputLayout} says. Every node is first looked up among the layout's computed channels
 * (aggregates, window calls, GROUP BY keys an earlier operator produced), then compiled by kind
 * with the implicit coercions the analyzer's typing implies (integer → bigint → double,
 * unknown → anything, date → timestamp …). Column references read their channel zero-copy;
 * numeric arithmetic, comparisons, logic, BETWEEN, IN over constants, IS NULL, numeric casts and
 * timestamp ± interval run as primitive loops. Scalar functions are bound once, here, through the
 * {@link ScalarFunctionRegistry}; subqueries run through the planner's {@link SubqueryRunner}.
 * <p>
 * An expression that cannot be compiled (a function without an implementation, a parameter that
 * was never bound …) is a validation error carrying the expression's {@code line:column}.
 * The compiler is stateless apart from its collaborators; the expressions it returns are
 * immutable and may be shared by threads. Semantics, error messages and measured speeds:
 * {@code docs/sql-expressions.md}.
 */
public final class ExpressionCompiler {

    private final Analysis analysis;
    private final ScalarFunctionRegistry functions;
    private final SubqueryRunner subqueries;

    public ExpressionCompiler(Analysis analysis, ScalarFunctionRegistry functions, SubqueryRunner subqueries) {
        this.analysis = analysis;
        this.functions = functions;
        this.subqueries = subqueries;
    }

    /** Compiles {@code expression}, a node of this compiler's analysis, to read batches laid out as {@code layout}. */
    public VectorExpression compile(Expression expression, InputLayout layout) {
        return new Compilation(this, layout).compile(expression);
    }

    Analysis analysis() {
        return analysis;
    }

    ScalarFunctionRegistry functions() {
        return functions;
    }

    SubqueryRunner subqueries() {
        return subqueries;
    }

    /** A validation error at a node's position: {@code line 1:8: message}. */
    static EngineException error(Node node, String message) {
        return EngineException.validation("line " + node.location().line() + ":" + node.location().column() + ": " + message);
    }

    /** A literal or constant that cannot be evaluated, reported at its position. */
    static EngineException error(Node node, QueryFunctionException cause) {
        return error(node, cause.getMessage());
    }
}
