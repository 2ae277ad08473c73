package io.tidemark.sql.analyzer;

import io.tidemark.sql.ast.FunctionCall;
import io.tidemark.sql.ast.Node;
import io.tidemark.sql.ast.Query;
import io.tidemark.sql.function.FunctionKind;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Finds aggregate and window function calls in analyzed expressions, without looking into subqueries. */
public final class Aggregates {

    private Aggregates() {
    }

    /** True if {@code call} folds rows of its group (an aggregate used without OVER). */
    public static boolean isAggregate(Analysis analysis, FunctionCall call) {
        return call.window().isEmpty() && analysis.function(call).map(f -> f.kind() == FunctionKind.AGGREGATE).orElse(false);
    }

    /** Aggregates (without OVER) in {@code roots}, outermost first, not descending into them. */
    public static List<FunctionCall> aggregates(Analysis analysis, List<? extends Node> roots) {
        List<FunctionCall> found = new ArrayList<>();
        for (Node root : roots) {
            collect(analysis, root, found, false);
        }
        return found;
    }

    /** Aggregates and window calls in {@code roots}, outermost first, not descending into them. */
    public static List<FunctionCall> aggregatesAndWindows(Analysis analysis, List<? extends Node> roots) {
        List<FunctionCall> found = new ArrayList<>();
        for (Node root : roots) {
            collect(analysis, root, found, true);
        }
        return found;
    }

    private static void collect(Analysis analysis, Node node, List<FunctionCall> found, boolean windows) {
        if (node instanceof Query) {
            return;
        }
        if (node instanceof FunctionCall call && (isAggregate(analysis, call) || (windows && call.window().isPresent()))) {
            found.add(call);
            return;
        }
        for (Node child : node.children()) {
            collect(analysis, child, found, windows);
        }
    }

    /** As Trino lists offending calls: {@code [sum(x), max(y)]}. */
    static String list(List<FunctionCall> calls) {
        return calls.stream().map(ExpressionAnalyzer::sql).collect(Collectors.joining(", ", "[", "]"));
    }
}
