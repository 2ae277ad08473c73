package io.tidemark.engine.query.operator;

import io.tidemark.engine.query.QueryContext;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.query.vector.Storage;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.sql.type.SqlType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Joins of two materialised batches. Equi-keys build a {@link GroupByHash} over the right side
 * with each group's rows chained in right order (rows with a null or NaN key are left out of the
 * chains, so they match nothing); without keys every right row is a candidate (nested loop). Candidates are produced in left order, in blocks of at most
 * {@link #BLOCK_PAIRS} pairs, and each block is filtered by the residual condition at once. The
 * result keeps left order (a left row's matches in right order, or its null-padded row where
 * the matches would be), followed for RIGHT and FULL joins by the unmatched right rows.
 */
public final class Joins {

    public enum Type { INNER, LEFT, RIGHT, FULL, CROSS }

    /** Candidate pairs evaluated by the residual at once: bounds the memory of a candidate batch. */
    static final int BLOCK_PAIRS = 1 << 16;

    private Joins() {
    }

    /**
     * @param leftKeys channels of the left side compared for equality with {@code rightKeys}, pairwise; SQL null never matches
     * @param rightKeys channels of the right side, as many as {@code leftKeys}
     * @param residual the rest of the ON condition, evaluated over a batch of left columns then right columns; a match needs it true
     * @return all left columns then all right columns
     */
    public static Batch join(Batch left, Batch right, Type type, List<Integer> leftKeys, List<Integer> rightKeys,
            Optional<Function<Batch, Vector>> residual, QueryContext context) {
        return join(left, right, type, leftKeys, rightKeys, residual, context, BLOCK_PAIRS);
    }

    /** {@link #join} with candidate blocks of {@code blockPairs} pairs (tests cut blocks small to cross many block boundaries). */
    static Batch join(Batch left, Batch right, Type type, List<Integer> leftKeys, List<Integer> rightKeys,
            Optional<Function<Batch, Vector>> residual, QueryContext context, int blockPairs) {
        if (leftKeys.size() != rightKeys.size()) {
            throw new IllegalArgumentException("cannot join: " + leftKeys.size() + " left keys but " + rightKeys.size() + " right keys");
        }
        if (type == Type.CROSS && !leftKeys.isEmpty()) {
            throw new IllegalArgumentException("cannot cross join on keys: keys=" + leftKeys.size());
        }
        context.checkRunning();
        boolean padLeft = type == Type.LEFT || type == Type.FULL;
        boolean padRight = type == Type.RIGHT || type == Type.FULL;
        try (MemoryReservation memory = new MemoryReservation(context);
                JoinCandidates candidates = JoinCandidates.build(left, right, leftKeys, rightKeys, context)) {
            PairBuffer out = new PairBuffer();
            boolean[] rightMatched = padRight ? new boolean[right.rowCount()] : null;
            boolean[] leftMatched = new boolean[left.rowCount()];
            PairBuffer block = new PairBuffer();
            int leftRow = 0;
            int cursor = left.rowCount() > 0 ? candidates.first(0) : -1;
            while (leftRow < left.rowCount()) {
                context.checkRunning();
                block.clear();
                int blockStart = leftRow;
                while (leftRow < left.rowCount() && block.size < blockPairs) {
                    while (cursor >= 0 && block.size < blockPairs) {
                        block.add(leftRow, cursor);
                        cursor = candidates.next(cursor);
                    }
                    if (cursor >= 0) {
                        break;
                    }
                    leftRow++;
                    cursor = leftRow < left.rowCount() ? candidates.first(leftRow) : -1;
                }
                int[] survivors = residual.isEmpty() ? null : block.size == 0 ? new int[0] : evaluate(left, right, block, residual.get());
                emit(block, survivors, blockStart, leftRow, padLeft, leftMatched, rightMatched, out);
                // pairs out and in the block, the probe's group ids, the build side's chain, the matched flags
                memory.resize(out.size * 8L + block.size * 8L + left.rowCount() * 5L + right.rowCount() * 5L);
            }
            if (padRight) {
                for (int r = 0; r < right.rowCount(); r++) {
                    if (!rightMatched[r]) {
                        out.add(-1, r);
                    }
                }
            }
            List<Vector> columns = new ArrayList<>(left.columnCount() + right.columnCount());
            columns.addAll(Gather.columns(left, out.left, out.size));
            columns.addAll(Gather.columns(right, out.right, out.size));
            return new Batch(columns, out.size);
        }
    }

    /**
     * Emits a block's surviving pairs in order, and a null-padded row for each unmatched left row
     * the block finished ({@code blockStart .. unfinished-1}; the row at {@code unfinished}, if
     * any, has candidates left for the next block).
     */
    private static void emit(PairBuffer block, int[] survivors, int blockStart, int unfinished, boolean padLeft,
            boolean[] leftMatched, boolean[] rightMatched, PairBuffer out) {
        int count = survivors == null ? block.size : survivors.length;
        int s = 0;
        for (int l = blockStart; l <= unfinished && l < leftMatched.length; l++) {
            while (s < count) {
                int pair = survivors == null ? s : survivors[s];
                if (block.left[pair] != l) {
                    break;
                }
                int r = block.right[pair];
                out.add(l, r);
                leftMatched[l] = true;
                if (rightMatched != null) {
                    rightMatched[r] = true;
                }
                s++;
            }
            if (padLeft && l < unfinished && !leftMatched[l]) {
                out.add(l, -1);
            }
        }
    }

    private static int[] evaluate(Batch left, Batch right, PairBuffer block, Function<Batch, Vector> residual) {
        List<Vector> columns = new ArrayList<>(left.columnCount() + right.columnCount());
        columns.addAll(left.select(block.left, block.size).columns());
        columns.addAll(right.select(block.right, block.size).columns());
        Vector condition = residual.apply(new Batch(columns, block.size));
        return Filter.truePositions(condition, block.size);
    }

    /** Growable parallel arrays of (left, right) row positions. */
    private static final class PairBuffer {
        int[] left = new int[64];
        int[] right = new int[64];
        int size;

        void add(int l, int r) {
            if (size == left.length) {
                left = Arrays.copyOf(left, size * 2);
                right = Arrays.copyOf(right, size * 2);
            }
            left[size] = l;
            right[size] = r;
            size++;
        }

        void clear() {
            size = 0;
        }
    }

    /** For each left row, its candidate right rows: the rows chained under its key's group, or all right rows without keys. */
    private static final class JoinCandidates implements AutoCloseable {
        private final int rightRows;
        private final int[] leftGroups;
        private final int[] heads;
        private final int[] chain;
        private final GroupByHash hash;

        private JoinCandidates(int rightRows, int[] leftGroups, int[] heads, int[] chain, GroupByHash hash) {
            this.rightRows = rightRows;
            this.leftGroups = leftGroups;
            this.heads = heads;
            this.chain = chain;
            this.hash = hash;
        }

        static JoinCandidates build(Batch left, Batch right, List<Integer> leftKeys, List<Integer> rightKeys, QueryContext context) {
            if (leftKeys.isEmpty()) {
                return new JoinCandidates(right.rowCount(), null, null, null, null);
            }
            Vector[] rightKeyColumns = columns(right, rightKeys);
            Vector[] leftKeyColumns = columns(left, leftKeys);
            List<SqlType> types = new ArrayList<>();
            for (int k = 0; k < rightKeyColumns.length; k++) {
                if (leftKeyColumns[k].storage() != rightKeyColumns[k].storage()) {
                    throw new IllegalArgumentException("cannot join on keys of different types: left=" + leftKeyColumns[k].type().displayName()
                            + ", right=" + rightKeyColumns[k].type().displayName());
                }
                types.add(rightKeyColumns[k].type());
            }
            GroupByHash hash = new GroupByHash(types, right.rowCount(), context);
            try {
                int[] rightGroups = hash.groupIds(rightKeyColumns, right.rowCount());
                int[] heads = new int[hash.groupCount()];
                Arrays.fill(heads, -1);
                int[] chain = new int[right.rowCount()];
                boolean[] unmatchable = unmatchable(rightKeyColumns, right.rowCount());
                for (int r = right.rowCount() - 1; r >= 0; r--) {
                    if (!unmatchable[r]) {
                        chain[r] = heads[rightGroups[r]];
                        heads[rightGroups[r]] = r;
                    }
                }
                int[] leftGroups = hash.lookup(leftKeyColumns, left.rowCount());
                return new JoinCandidates(right.rowCount(), leftGroups, heads, chain, hash);
            } catch (RuntimeException e) {
                hash.close();
                throw e;
            }
        }

        private static Vector[] columns(Batch batch, List<Integer> channels) {
            Vector[] columns = new Vector[channels.size()];
            for (int k = 0; k < columns.length; k++) {
                columns[k] = batch.column(channels.get(k));
            }
            return columns;
        }

        /**
         * Rows whose key can equal nothing: a null in some key column, or a NaN in a double one
         * ({@code NaN = NaN} is false in SQL, though NaNs group together).
         */
        private static boolean[] unmatchable(Vector[] columns, int rows) {
            boolean[] unmatchable = new boolean[rows];
            for (Vector column : columns) {
                if (column.mayHaveNulls() || column.storage() == Storage.OBJECT) {
                    for (int r = 0; r < rows; r++) {
                        unmatchable[r] |= column.isNull(r);
                    }
                }
                if (column.storage() == Storage.DOUBLE) {
                    double[] values = column.doubles();
                    for (int r = 0; r < rows; r++) {
                        unmatchable[r] |= Double.isNaN(values[r]);
                    }
                }
            }
            return unmatchable;
        }

        /** The first candidate right row of {@code leftRow}, or -1. */
        int first(int leftRow) {
            if (leftGroups == null) {
                return rightRows > 0 ? 0 : -1;
            }
            int group = leftGroups[leftRow];
            return group < 0 ? -1 : heads[group];
        }

        /** The candidate after right row {@code rightRow} for the same left row, or -1. */
        int next(int rightRow) {
            if (leftGroups == null) {
                return rightRow + 1 < rightRows ? rightRow + 1 : -1;
            }
            return chain[rightRow];
        }

        @Override
        public void close() {
            if (hash != null) {
                hash.close();
            }
        }
    }
}
