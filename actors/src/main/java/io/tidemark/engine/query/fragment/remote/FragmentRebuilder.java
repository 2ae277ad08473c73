package io.tidemark.engine.query.fragment.remote;

import io.tidemark.engine.query.expression.EvalContext;
import io.tidemark.engine.query.fragment.FragmentPipeline;
import io.tidemark.engine.query.plan.PlanFragments;
import io.tidemark.engine.query.plan.StatementPlan;
import io.tidemark.sql.analyzer.Analysis;
import io.tidemark.sql.analyzer.Analyzer;
import io.tidemark.sql.analyzer.SchemaProvider;
import io.tidemark.sql.ast.ExistsPredicate;
import io.tidemark.sql.ast.Node;
import io.tidemark.sql.ast.QuantifiedComparison;
import io.tidemark.sql.ast.Query;
import io.tidemark.sql.ast.Statement;
import io.tidemark.sql.ast.SubqueryExpression;
import io.tidemark.sql.parser.SqlParser;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Rebuilds, on the node owning a shard, the pipeline of a fragment another node sent it: parses,
 * analyzes (against this node's catalog view) and plans the fragment's statement, lists its
 * fragments as of the query's start ({@link PlanFragments}), and takes the one whose scan request
 * and fingerprint equal the sent ones. The rebuilt fragments of a statement run are kept (by SQL
 * text and query start, the last {@value #CAPACITY} runs), so the shards of a table on one node
 * plan the statement once. A fragment is declined, never guessed, when it cannot be rebuilt
 * identically: no SQL text, a statement that does not parse, analyze or plan here (a catalog view
 * behind the querying node's), a statement with subqueries inside expressions (their fragments
 * exist only while the statement runs, and need its state), or no fragment that matches.
 */
public final class FragmentRebuilder {

    /** How many statement runs' rebuilt fragments are kept. */
    static final int CAPACITY = 256;

    /** A fragment found, or why not. */
    public record Rebuilt(FragmentPipeline pipeline, String declined) {
    }

    private record Key(String sql, long queryStartNanos) {
    }

    /** A statement run's fragments, or why none can be rebuilt. */
    private record Planned(List<PlanFragments.Fragment> fragments, String declined) {
    }

    private final SqlParser parser = new SqlParser();
    private final Analyzer analyzer;
    private final Function<Analysis, StatementPlan> planner;
    private final Map<Key, CompletableFuture<Planned>> statements = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, CompletableFuture<Planned>> eldest) {
            return size() > CAPACITY;
        }
    };

    /** @param planner plans a query, as the query service does */
    public FragmentRebuilder(SchemaProvider schema, Function<Analysis, StatementPlan> planner) {
        this.analyzer = new Analyzer(schema);
        this.planner = planner;
    }

    /** The pipeline of {@code fragment} rebuilt here, or why it cannot be. */
    public Rebuilt rebuild(ShippedFragment fragment) {
        if (fragment.sql() == null) {
            return new Rebuilt(null, "the fragment's plan was not built from SQL text");
        }
        Key key = new Key(fragment.sql(), fragment.queryStartNanos());
        CompletableFuture<Planned> mine = new CompletableFuture<>();
        CompletableFuture<Planned> earlier;
        synchronized (statements) {
            earlier = statements.putIfAbsent(key, mine);
        }
        if (earlier == null) {
            try {
                mine.complete(plan(key));
            } finally {
                // an Error while planning must not leave the statement's other shards waiting
                mine.completeExceptionally(new IllegalStateException("cannot rebuild fragment: planning failed"));
            }
        }
        Planned planned = (earlier == null ? mine : earlier).join();
        if (planned.declined() != null) {
            return new Rebuilt(null, planned.declined());
        }
        String fingerprint = fragment.fingerprint().get();
        for (PlanFragments.Fragment candidate : planned.fragments()) {
            if (candidate.request().equals(fragment.request())
                    && candidate.pipeline().fingerprint().equals(fingerprint)) {
                return new Rebuilt(candidate.pipeline(), null);
            }
        }
        return new Rebuilt(null, "no fragment of the statement rebuilt here matches the one sent: table="
                + fragment.request().database() + "." + fragment.request().table() + ", fragments="
                + planned.fragments().size());
    }

    private Planned plan(Key key) {
        try {
            Statement statement = parser.parseStatement(key.sql());
            if (!(statement instanceof Query)) {
                return new Planned(List.of(), "not a query: " + statement.getClass().getSimpleName());
            }
            if (hasExpressionSubquery(statement)) {
                return new Planned(List.of(), "the statement has subqueries inside expressions");
            }
            StatementPlan plan = planner.apply(analyzer.analyze(statement));
            return new Planned(PlanFragments.of(plan, EvalContext.utc(key.queryStartNanos())), null);
        } catch (RuntimeException e) {
            return new Planned(List.of(), "cannot plan the statement here: " + e.getMessage());
        }
    }

    /** True when a subquery sits in an expression (scalar, IN, EXISTS, quantified comparison). */
    static boolean hasExpressionSubquery(Node root) {
        Deque<Node> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            Node node = pending.pop();
            if (node instanceof SubqueryExpression || node instanceof ExistsPredicate
                    || node instanceof QuantifiedComparison) {
                return true;
            }
            new ArrayList<>(node.children()).forEach(pending::push);
        }
        return false;
    }
}
