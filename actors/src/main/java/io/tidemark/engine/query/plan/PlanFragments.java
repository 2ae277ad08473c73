package io.tidemark.engine.query.plan;

import io.tidemark.engine.query.expression.EvalContext;
import io.tidemark.engine.query.fragment.FragmentPipeline;
import io.tidemark.engine.query.fragment.ScanRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The fragments a statement's plan runs on the shards, in plan order, each with the scan it reads
 * as of a query start: what a node rebuilding a fragment sent to its shards looks the fragment up
 * among. Subqueries of expressions are planned only while the statement runs, so their fragments
 * are not listed.
 */
public final class PlanFragments {

    /** One fragment: its scan request and its pipeline. */
    public record Fragment(ScanRequest request, FragmentPipeline pipeline) {
    }

    private PlanFragments() {
    }

    /** The fragments of {@code plan} (none for EXPLAIN, which runs nothing), with scans evaluated by {@code eval}. */
    public static List<Fragment> of(StatementPlan plan, EvalContext eval) {
        List<Fragment> fragments = new ArrayList<>();
        if (plan instanceof QueryPlan query) {
            collect(query.root(), eval, fragments, Collections.newSetFromMap(new IdentityHashMap<>()));
        }
        return fragments;
    }

    private static void collect(PlanNode node, EvalContext eval, List<Fragment> fragments, Set<PlanNode> seen) {
        if (!seen.add(node)) {
            return;
        }
        if (node instanceof RemoteSourceNode remote) {
            fragments.add(new Fragment(remote.scan().request(eval), remote.pipeline()));
        }
        for (PlanNode source : node.sources()) {
            collect(source, eval, fragments, seen);
        }
    }
}
