package io.tidemark.engine.query.window;

import io.tidemark.engine.query.QueryContext;
import io.tidemark.engine.query.aggregate.AggregateFunction;
import io.tidemark.engine.query.aggregate.BuiltinAggregates;
import io.tidemark.engine.query.function.BoundSignature;
import io.tidemark.engine.query.function.QueryFunctionException;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.query.vector.Vector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates window calls over a batch: each call's rows are sorted by partition then order keys
 * ({@link PartitionLayout}, shared by calls with the same PARTITION BY and ORDER BY), the function
 * runs partition by partition in that order, and its results are scattered back to the input's
 * row order. Ranking and value functions are in {@link RankingFunctions} and
 * {@link ValueFunctions}; every aggregate of {@link BuiltinAggregates} runs over frames in
 * {@link FrameAggregation}. What the evaluation holds is reserved in the query's memory while it
 * runs; the returned batch is the caller's to account.
 */
public final class WindowOperator {

    private WindowOperator() {
    }

    /** The input's columns followed by one column per window call, rows in the input's order. */
    public static Batch apply(Batch input, List<WindowSpec> windows, QueryContext context) {
        int rowCount = input.rowCount();
        List<Vector> columns = new ArrayList<>(input.columns());
        Map<List<Object>, PartitionLayout> layouts = new HashMap<>();
        // reserveMemory counts the bytes even when it refuses them, so they are released with the rest
        long held = 0;
        try {
            for (WindowSpec window : windows) {
                context.checkRunning();
                long needed = FrameBounds.BYTES_PER_ROW * rowCount + ColumnWriter.bytes(rowCount);
                List<Object> layoutKey = List.of(window.partitionChannels(), window.orderBy());
                if (!layouts.containsKey(layoutKey)) {
                    needed += PartitionLayout.BYTES_PER_ROW * rowCount;
                }
                held += needed;
                context.reserveMemory(needed);
                PartitionLayout layout = layouts.computeIfAbsent(layoutKey,
                        key -> PartitionLayout.of(input, window.partitionChannels(), window.orderBy()));
                columns.add(evaluate(window, input, layout, context));
            }
        } finally {
            context.releaseMemory(held);
        }
        return new Batch(columns, rowCount);
    }

    private static Vector evaluate(WindowSpec window, Batch input, PartitionLayout layout, QueryContext context) {
        Vector[] arguments = new Vector[window.argumentChannels().size()];
        for (int a = 0; a < arguments.length; a++) {
            arguments[a] = input.column(window.argumentChannels().get(a));
        }
        ColumnWriter out = new ColumnWriter(window.returnType(), input.rowCount());
        String function = window.function();
        if (RankingFunctions.NAMES.contains(function)) {
            RankingFunctions.evaluate(function, layout, arguments.length > 0 ? arguments[0] : null, out);
        } else if (function.equals("lag") || function.equals("lead")) {
            ValueFunctions.evaluate(function, layout, null, arguments, window.ignoreNulls(), out);
        } else {
            FrameBounds frames = FrameBounds.of(window.frame(), layout, input, window.orderBy());
            if (ValueFunctions.NAMES.contains(function)) {
                ValueFunctions.evaluate(function, layout, frames, arguments, window.ignoreNulls(), out);
            } else {
                FrameAggregation.evaluate(aggregate(window), window.frame(), layout, frames, arguments, out, context);
            }
        }
        return out.build();
    }

    private static AggregateFunction aggregate(WindowSpec window) {
        BoundSignature signature = new BoundSignature(window.function(), window.argumentTypes(), window.returnType());
        return BuiltinAggregates.instance().bind(signature, window.distinct()).orElseThrow(() -> new QueryFunctionException(
                "cannot evaluate window function: no such function or aggregate, function=" + window.function() + ", arguments="
                        + window.argumentTypes()));
    }
}
