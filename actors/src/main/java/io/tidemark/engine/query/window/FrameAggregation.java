package io.tidemark.engine.query.window;

import io.tidemark.engine.query.QueryContext;
import io.tidemark.engine.query.aggregate.Accumulator;
import io.tidemark.engine.query.aggregate.AggregateFunction;
import io.tidemark.engine.query.vector.Vector;
import java.util.Arrays;

/**
 * An aggregate over each row's frame. A frame that starts at UNBOUNDED PRECEDING is a prefix of
 * the partition that only grows, so a running accumulator takes each row once: O(n) (running
 * totals; the whole partition is one prefix). Rows are answered in blocks of up to
 * {@link #PREFIX_BLOCK_ENDS} distinct prefix ends: the running state is merged into one group per
 * end and each group adds the few rows between the block's first end and its own, so a block
 * costs one grouped call instead of one accumulator read per row. Any other frame is recomputed:
 * the rows of many frames are laid out one frame per group (a row appears in every frame holding
 * it) and aggregated in one grouped call per chunk, O(n·w) for frames of w rows. Merging a
 * running state costs what the state holds: O(1) for the primitive aggregates, the collected size
 * for array_agg and the like and for DISTINCT, so those running forms are quadratic in the
 * partition size.
 */
final class FrameAggregation {

    /** Frame rows laid out per grouped call: bounds the memory of sliding frames. */
    static final int CHUNK_ROWS = 1 << 16;
    /** Distinct prefix ends answered per grouped call of the prefix path. */
    static final int PREFIX_BLOCK_ENDS = 64;
    /** Rows past the shared prefix laid out per grouped call of the prefix path. */
    static final int PREFIX_BLOCK_ROWS = 4096;

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
        int[] identity = new int[PREFIX_BLOCK_ENDS];
        for (int g = 0; g < identity.length; g++) {
            identity[g] = g;
        }
        int[] zeros = new int[Math.max(layout.sorted.length, PREFIX_BLOCK_ENDS)];
        int[] positions = new int[PREFIX_BLOCK_ROWS];
        int[] groupIds = new int[PREFIX_BLOCK_ROWS];
        int[] groupOfRow = new int[0];
        for (int p = 0; p < layout.partitionCount(); p++) {
            int to = layout.partitionStarts[p + 1];
            Accumulator running = aggregate.newAccumulator();
            int added = layout.partitionStarts[p];
            int k = added;
            while (k < to) {
                // the rows every frame of this block holds go into the running prefix first
                int shared = frames.end[k];
                if (shared > added) {
                    running.add(zeros, 1, select(arguments, Arrays.copyOfRange(layout.sorted, added, shared)), shared - added);
                    added = shared;
                }
                int groupCount = 0;
                int laidOut = 0;
                int j = k;
                groupOfRow = groupOfRow.length >= to - k ? groupOfRow : new int[Math.max(to - k, 2 * groupOfRow.length)];
                while (j < to) {
                    boolean newEnd = j == k || frames.end[j] != frames.end[j - 1];
                    if (newEnd) {
                        int length = frames.end[j] - added;
                        if (j > k && (groupCount == PREFIX_BLOCK_ENDS || laidOut + length > PREFIX_BLOCK_ROWS)) {
                            break;
                        }
                        if (laidOut + length > positions.length) {
                            positions = Arrays.copyOf(positions, laidOut + length);
                            groupIds = Arrays.copyOf(groupIds, laidOut + length);
                        }
                        for (int i = added; i < frames.end[j]; i++) {
                            positions[laidOut] = layout.sorted[i];
                            groupIds[laidOut++] = groupCount;
                        }
                        groupCount++;
                    }
                    groupOfRow[j - k] = groupCount - 1;
                    j++;
                }
                Accumulator block = aggregate.newAccumulator();
                Vector[] prefix = running.intermediate(1);
                for (int v = 0; v < prefix.length; v++) {
                    prefix[v] = prefix[v].select(zeros, groupCount);
                }
                block.merge(identity, groupCount, prefix, groupCount);
                block.add(groupIds, groupCount, select(arguments, Arrays.copyOf(positions, laidOut)), laidOut);
                Vector results = block.result(groupCount);
                for (int i = k; i < j; i++) {
                    out.set(layout.sorted[i], results, groupOfRow[i - k]);
                }
                k = j;
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
