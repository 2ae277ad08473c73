package io.tidemark.engine.query.plan;

import io.tidemark.engine.query.expression.EvalContext;

/** Prints a plan tree as EXPLAIN shows it: one node per line, each input four spaces deeper. */
final class PlanPrinter {

    private static final String INDENT = "    ";

    private PlanPrinter() {
    }

    static String print(PlanNode root, EvalContext eval) {
        StringBuilder text = new StringBuilder();
        print(root, eval, 0, text);
        return text.toString();
    }

    private static void print(PlanNode node, EvalContext eval, int depth, StringBuilder text) {
        line(text, depth, node.describe(eval));
        int detailDepth = depth;
        for (String detail : node.details()) {
            line(text, ++detailDepth, detail);
        }
        for (PlanNode source : node.sources()) {
            print(source, eval, depth + 1, text);
        }
    }

    private static void line(StringBuilder text, int depth, String line) {
        if (text.length() > 0) {
            text.append('\n');
        }
        text.append(INDENT.repeat(depth)).append(line);
    }
}
