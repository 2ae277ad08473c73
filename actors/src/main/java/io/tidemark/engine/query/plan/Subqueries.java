package io.tidemark.engine.query.plan;

import io.tidemark.engine.query.QueryContext;
import io.tidemark.engine.query.expression.EvalContext;
import io.tidemark.engine.query.expression.InputLayout;
import io.tidemark.engine.query.expression.SubqueryRunner;
import io.tidemark.engine.query.fragment.FragmentRunner;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.sql.analyzer.Analysis;
import io.tidemark.sql.analyzer.Field;
import io.tidemark.sql.ast.Expression;
import io.tidemark.sql.ast.Node;
import io.tidemark.sql.ast.Query;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Runs the subqueries of a statement's expressions for the expression compiler. A subquery is
 * planned from the same analysis: once if uncorrelated, once per binding of the outer values it
 * reads otherwise (those values become constants of every layout inside it). Results are kept per
 * execution, keyed by the subquery node and its binding, so each runs once per distinct binding,
 * also when fragments on several shards ask at the same time.
 */
final class Subqueries implements SubqueryRunner {

    /** The state of the execution in progress: where fragments run, and the results so far. */
    private record Execution(QueryContext context, FragmentRunner runner, Map<Key, CompletableFuture<Batch>> results,
            Map<PlanNode, Batch> shared) {
    }

    /** A subquery node (by identity) and the outer values it was run with. */
    private record Key(Query query, List<Object> values) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.query == query && key.values.equals(values);
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(query) * 31 + values.hashCode();
        }
    }

    private final Analysis analysis;
    private final Function<Bindings, PlanBuilder> builders;
    private volatile Execution execution;

    Subqueries(Analysis analysis, Function<Bindings, PlanBuilder> builders) {
        this.analysis = analysis;
        this.builders = builders;
    }

    void begin(QueryContext context, FragmentRunner runner) {
        execution = new Execution(context, runner, new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
    }

    /** An executor of the execution in progress (WITH results are shared with every other one). */
    PlanExecutor executor() {
        Execution current = execution;
        if (current == null) {
            throw new IllegalStateException("cannot run a plan outside an execution of its statement");
        }
        return new PlanExecutor(current.context(), current.runner(), current.shared());
    }

    void end() {
        execution = null;
    }

    @Override
    public Batch run(Query subquery, InputLayout outer, EvalContext context) {
        Execution current = execution;
        if (current == null) {
            throw new IllegalStateException("cannot run a subquery outside an execution of its statement");
        }
        Bindings bindings = bindings(subquery, outer);
        CompletableFuture<Batch> mine = new CompletableFuture<>();
        CompletableFuture<Batch> earlier = current.results().putIfAbsent(new Key(subquery, bindings.key()), mine);
        if (earlier != null) {
            try {
                return earlier.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException failure ? failure : e;
            }
        }
        try {
            PlanNode plan = builders.apply(bindings).query(subquery).node();
            PlanExecutor executor = new PlanExecutor(current.context(), current.runner(), current.shared());
            Batch result = executor.run(plan);
            executor.releaseAll();
            mine.complete(result);
            return result;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        }
    }

    /** The outer fields the subquery reads that {@code outer} binds, with their values, in reading order. */
    private Bindings bindings(Query subquery, InputLayout outer) {
        List<Field> fields = new ArrayList<>();
        List<InputLayout.BoundValue> values = new ArrayList<>();
        collect(subquery, outer, fields, values);
        return fields.isEmpty() ? Bindings.NONE : new Bindings(fields, values);
    }

    private void collect(Node node, InputLayout outer, List<Field> fields, List<InputLayout.BoundValue> values) {
        if (node instanceof Expression expression && analysis.isOuterReference(expression)) {
            Field field = analysis.columnReference(expression).orElseThrow();
            if (RelationPlanner.indexOf(fields, field) < 0) {
                outer.outerValue(field).ifPresent(value -> {
                    fields.add(field);
                    values.add(value);
                });
            }
        }
        for (Node child : node.children()) {
            collect(child, outer, fields, values);
        }
    }
}
