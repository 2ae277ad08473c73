package io.tidemark.engine.query.plan;

import io.tidemark.engine.EngineException;
import io.tidemark.engine.query.aggregate.AggregateRegistry;
import io.tidemark.engine.query.expression.ExpressionCompiler;
import io.tidemark.engine.query.function.ScalarFunctionRegistry;
import io.tidemark.sql.analyzer.Analysis;
import io.tidemark.sql.analyzer.OutputColumn;
import io.tidemark.sql.ast.Explain;
import io.tidemark.sql.ast.Query;
import io.tidemark.sql.ast.Statement;
import io.tidemark.sql.ast.WithQuery;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Turns an analyzed query (or EXPLAIN of one) into an executable {@link StatementPlan}: a tree of
 * {@link PlanNode}s whose catalog tables are remote fragments (scan, WHERE filter, then partial
 * aggregation, top-N or nothing, run on every shard) under a final part that merges them and
 * finishes the query (joins, HAVING, windows, projection, DISTINCT, ORDER BY, LIMIT).
 * Thread-safe; a plan is executed by one thread at a time.
 */
public final class Planner {

    private final ScalarFunctionRegistry functions;
    private final AggregateRegistry aggregates;

    public Planner(ScalarFunctionRegistry functions, AggregateRegistry aggregates) {
        this.functions = functions;
        this.aggregates = aggregates;
    }

    /** Plans a {@code Query} or {@code EXPLAIN <query>}; other statements are the query service's. */
    public StatementPlan plan(Analysis analysis) {
        Statement statement = analysis.statement();
        if (statement instanceof Query query) {
            return plan(analysis, query, analysis.outputColumns());
        }
        if (statement instanceof Explain explain && explain.statement() instanceof Query query) {
            return new ExplainPlan(analysis.outputColumns(), plan(analysis, query, columnsOf(analysis, query)));
        }
        Statement shown = statement instanceof Explain explain ? explain.statement() : statement;
        throw EngineException.validation(name(shown) + (shown == statement ? "" : " in EXPLAIN") + " is not supported here");
    }

    private QueryPlan plan(Analysis analysis, Query query, List<OutputColumn> columns) {
        Map<WithQuery, SharedNode> withPlans = new ConcurrentHashMap<>();
        // The compiler runs subqueries through the runner, and the runner plans them with the compiler.
        AtomicReference<ExpressionCompiler> compiler = new AtomicReference<>();
        Subqueries subqueries = new Subqueries(analysis, bindings -> new PlanBuilder(analysis, compiler.get(), aggregates, bindings, withPlans));
        compiler.set(new ExpressionCompiler(analysis, functions, subqueries));
        RelationPlan plan = new PlanBuilder(analysis, compiler.get(), aggregates, Bindings.NONE, withPlans).query(query);
        OutputNode root = new OutputNode(plan.node(), columns.stream().map(OutputColumn::name).toList());
        return new QueryPlan(columns, root, subqueries);
    }

    /** The result columns of the explained query: its output fields, named as the analyzer names them. */
    private static List<OutputColumn> columnsOf(Analysis analysis, Query query) {
        var fields = analysis.fields(query);
        return java.util.stream.IntStream.range(0, fields.size())
                .mapToObj(i -> new OutputColumn(fields.get(i).name().orElse("_col" + i), fields.get(i).type())).toList();
    }

    private static String name(Statement statement) {
        String simple = statement.getClass().getSimpleName();
        return simple.replaceAll("([a-z])([A-Z])", "$1 $2").toUpperCase(java.util.Locale.ROOT);
    }
}
