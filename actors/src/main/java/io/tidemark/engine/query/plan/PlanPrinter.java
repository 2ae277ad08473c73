package io.tidemark.engine.query.plan;

import io.tidemark.engine.query.expression.EvalContext;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Prints a plan tree as EXPLAIN shows it: one node per line, each input four spaces deeper. A
 * shared node (a WITH query read several times) shows its inputs at its first appearance only.
 */
final class PlanPrinter {

    private static final String INDENT = "    ";

    private final EvalContext eval;
    private final StringBuilder text = new StringBuilder();
    private final Set<PlanNode> printed = Collections.newSetFromMap(new IdentityHashMap<>());

    private PlanPrinter(EvalContext eval) {
        this.eval = eval;
    }

    static String print(PlanNode root, EvalContext eval) {
        PlanPrinter printer = new PlanPrinter(eval);
        printer.print(root, 0);
        return printer.text.toString();
    }

    private void print(PlanNode node, int depth) {
        if (node instanceof SharedNode && !printed.add(node)) {
            line(depth, node.describe(eval) + " (shown above)");
            return;
        }
        line(depth, node.describe(eval));
        int detailDepth = depth;
        for (String detail : node.details()) {
            line(++detailDepth, detail);
        }
        for (PlanNode source : node.sources()) {
            print(source, depth + 1);
        }
    }

    private void line(int depth, String line) {
        if (text.length() > 0) {
            text.append('\n');
        }
        text.append(INDENT.repeat(depth)).append(line);
    }
}
