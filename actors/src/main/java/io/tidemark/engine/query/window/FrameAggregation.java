package io.tidemark.engine.query.window;

import io.tidemark.engine.query.QueryContext;
import io.tidemark.engine.query.aggregate.Accumulator;
import io.tidemark.engine.query.aggregate.AggregateFunction;
import io.tidemark.engine.query.vector.Vector;
import java.util.Arrays;

/**
 * An aggregate over each row's frame. A frame that starts at UNBOUNDED PRECEDING is a prefix of
 * the partition that only grows, so one accumulator takes each row once and is read whenever the
 * prefix grew: O(n) (running totals, and the whole partition as one step). Any other frame is
 * recomputed: the rows of many frames are laid out one frame per group (a row appears in every
 * frame holding it) and aggregated in one grouped call per chunk, O(n·w) for frames of w rows.
 * Reading a prefix costs what the aggregate's {@code result} costs: O(1) for the primitive
 * aggregates, the collected size for array_agg and the like, and a re-aggregation of the distinct
 * tuples for DISTINCT, so those running forms are quadratic in the partition size.
 */
final class FrameAggregation {

    /** Frame rows laid out per grouped call: bounds the memory of sliding frames. */
    static final int CHUNK_ROWS = 1 << 16;

    private FrameAggregation() {
    }

    static void evaluate(AggregateFunction aggregate, Frame frame, PartitionLayout layout, FrameBounds frames, Vector[] arguments,
            ColumnWriter out, QueryContext context) {
        if (frame.start().type() == Frame.BoundType.UNBOUNDED_PRECEDING) {
            prefixes(aggregate, layout, frames, arguments, out);
        } else {
            slidingFrames(aggregate, layout, frames, arguments, out, context);
        }
    }

    private static void prefixes(AggregateFunction aggregate, PartitionLayout layout, FrameBounds frames, Vector[] arguments,
            ColumnWriter out) {
        int[] group = new int[layout.sorted.length];
        for (int p = 0; p < layout.partitionCount(); p++) {
            int from = layout.partitionStarts[p];
            int to = layout.partitionStarts[p + 1];
            Accumulator accumulator = aggregate.newAccumulator();
            int added = from;
            Vector current = null;
            for (int k = from; k < to; k++) {
                int end = frames.end[k];
                if (current == null || end > added) {
                    if (end > added) {
                        int[] positions = Arrays.copyOfRange(layout.sorted, added, end);
                        accumulator.add(group, 1, select(arguments, positions), positions.length);
                        added = end;
                    }
                    current = accumulator.result(1);
                }
                out.set(layout.sorted[k], current, 0);
            }
        }
    }

    private static void slidingFrames(AggregateFunction aggregate, PartitionLayout layout, FrameBounds frames, Vector[] arguments,
            ColumnWriter out, QueryContext context) {
        int rowCount = layout.sorted.length;
        int[] positions = new int[CHUNK_ROWS];
        int[] groupIds = new int[CHUNK_ROWS];
        long held = 2L * Integer.BYTES * CHUNK_ROWS;
        try {
            context.reserveMemory(held);
            int chunkStart = 0;
            while (chunkStart < rowCount) {
                int laidOut = 0;
                int k = chunkStart;
                while (k < rowCount && (k == chunkStart || laidOut + frames.end[k] - frames.start[k] <= CHUNK_ROWS)) {
                    int length = frames.end[k] - frames.start[k];
                    if (laidOut + length > positions.length) {
                        positions = Arrays.copyOf(positions, laidOut + length);
                        groupIds = Arrays.copyOf(groupIds, laidOut + length);
                    }
                    for (int i = frames.start[k]; i < frames.end[k]; i++) {
                        positions[laidOut] = layout.sorted[i];
                        groupIds[laidOut++] = k - chunkStart;
                    }
                    k++;
                }
                int groupCount = k - chunkStart;
                Accumulator accumulator = aggregate.newAccumulator();
                accumulator.add(groupIds, groupCount, select(arguments, Arrays.copyOf(positions, laidOut)), laidOut);
                Vector results = accumulator.result(groupCount);
                for (int g = 0; g < groupCount; g++) {
                    out.set(layout.sorted[chunkStart + g], results, g);
                }
                context.checkRunning();
                chunkStart = k;
            }
        } finally {
            context.releaseMemory(held);
        }
    }

    private static Vector[] select(Vector[] arguments, int[] positions) {
        Vector[] selected = new Vector[arguments.length];
        for (int a = 0; a < arguments.length; a++) {
            selected[a] = arguments[a].select(positions, positions.length);
        }
        return selected;
    }
}
