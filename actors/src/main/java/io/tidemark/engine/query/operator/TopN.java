package io.tidemark.engine.query.operator;

import io.tidemark.engine.query.QueryContext;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.query.vector.RowComparator;
import io.tidemark.engine.query.vector.SortKey;
import io.tidemark.sql.type.SqlType;
import java.util.ArrayList;
import java.util.List;

/**
 * ORDER BY … LIMIT n without sorting everything: keeps at most n rows, the first n of a stable
 * sort of all rows added. Added batches wait in a buffer until it holds about n rows more than
 * are kept; then the kept rows and the buffer are cut back to n with a bounded max-heap of row
 * positions (ties broken by arrival, which is position order since kept rows come first), so
 * each row costs O(log n) amortised and memory stays near 2n rows.
 */
public final class TopN {

    /** Buffer at least this many rows before cutting back, so tiny n does not mean a cut per batch. */
    private static final int MIN_BUFFERED_ROWS = 1024;

    private final List<SqlType> types;
    private final List<SortKey> keys;
    private final int n;
    private final QueryContext context;
    private final MemoryReservation memory;
    private final List<Batch> buffered = new ArrayList<>();
    private int bufferedRows;

    public TopN(List<SqlType> types, List<SortKey> keys, long n, QueryContext context) {
        if (n < 0) {
            throw new IllegalArgumentException("cannot keep a negative number of rows: n=" + n);
        }
        this.types = List.copyOf(types);
        this.keys = List.copyOf(keys);
        this.n = (int) Math.min(n, Integer.MAX_VALUE - 8);
        this.context = context;
        this.memory = new MemoryReservation(context);
    }

    public void add(Batch batch) {
        context.checkRunning();
        if (n == 0 || batch.rowCount() == 0) {
            return;
        }
        buffered.add(batch);
        bufferedRows += batch.rowCount();
        memory.resize(memory.bytes() + BatchSizes.estimate(batch));
        if (bufferedRows - n >= Math.max(n, MIN_BUFFERED_ROWS)) {
            cutBack();
        }
    }

    /** The kept rows in order: at most n. */
    public Batch finish() {
        if (n == 0 || bufferedRows == 0) {
            memory.close();
            return Batch.empty(types);
        }
        cutBack();
        Batch kept = buffered.get(0);
        int[] positions = new RowComparator(kept, keys).sortedPositions(kept.rowCount());
        Batch result = kept.select(positions, kept.rowCount());
        buffered.clear();
        bufferedRows = 0;
        memory.close();
        return result;
    }

    /** Replaces the buffer by its first n rows (in arrival order, not sorted). */
    private void cutBack() {
        Batch all = Batch.concat(buffered, types);
        buffered.clear();
        if (all.rowCount() > n) {
            int[] heap = smallest(all);
            java.util.Arrays.sort(heap);
            all = all.select(heap, n);
        }
        buffered.add(all);
        bufferedRows = all.rowCount();
        memory.resize(BatchSizes.estimate(all) + n * 4L);
    }

    /** The positions of the n smallest rows of {@code all} (ties: lower position first), in heap order. */
    private int[] smallest(Batch all) {
        RowComparator comparator = new RowComparator(all, keys);
        PositionHeap heap = new PositionHeap(comparator, n);
        for (int row = 0; row < all.rowCount(); row++) {
            if ((row & 0xFFFF) == 0) {
                context.checkRunning();
            }
            heap.offer(row);
        }
        return heap.positions();
    }

    /** A max-heap of at most {@code capacity} row positions ordered by (row order, position): its root is the worst kept row. */
    private static final class PositionHeap {
        private final RowComparator comparator;
        private final int[] heap;
        private int size;

        PositionHeap(RowComparator comparator, int capacity) {
            this.comparator = comparator;
            this.heap = new int[capacity];
        }

        void offer(int row) {
            if (size < heap.length) {
                heap[size] = row;
                siftUp(size++);
            } else if (worse(heap[0], row)) {
                heap[0] = row;
                siftDown(0);
            }
        }

        int[] positions() {
            return heap;
        }

        /** True if {@code a} sorts after {@code b}. */
        private boolean worse(int a, int b) {
            int c = comparator.compare(a, b);
            return c > 0 || (c == 0 && a > b);
        }

        private void siftUp(int index) {
            int row = heap[index];
            while (index > 0) {
                int parent = (index - 1) >>> 1;
                if (!worse(row, heap[parent])) {
                    break;
                }
                heap[index] = heap[parent];
                index = parent;
            }
            heap[index] = row;
        }

        private void siftDown(int index) {
            int row = heap[index];
            while (true) {
                int child = 2 * index + 1;
                if (child >= size) {
                    break;
                }
                if (child + 1 < size && worse(heap[child + 1], heap[child])) {
                    child++;
                }
                if (!worse(heap[child], row)) {
                    break;
                }
                heap[index] = heap[child];
                index = child;
            }
            heap[index] = row;
        }
    }
}
