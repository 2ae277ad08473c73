package io.tidemark.engine.query.window;

import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.query.vector.RowComparator;
import io.tidemark.engine.query.vector.SortKey;
import java.util.ArrayList;
import java.util.List;

/**
 * The input's rows sorted by partition keys then order keys, cut into partitions and, within a
 * partition, into peer groups (rows equal on every order key). Everything is indexed by sorted
 * index {@code k}; {@code sorted[k]} is the input row.
 */
final class PartitionLayout {

    /** Bytes held per input row: the sorted positions and both peer bounds. */
    static final long BYTES_PER_ROW = 3L * Integer.BYTES;

    final int[] sorted;
    /** Partition {@code p} is {@code [partitionStarts[p], partitionStarts[p + 1])}. */
    final int[] partitionStarts;
    /** The first sorted index of {@code k}'s peer group. */
    final int[] peerStart;
    /** One past the last sorted index of {@code k}'s peer group. */
    final int[] peerEnd;

    private PartitionLayout(int[] sorted, int[] partitionStarts, int[] peerStart, int[] peerEnd) {
        this.sorted = sorted;
        this.partitionStarts = partitionStarts;
        this.peerStart = peerStart;
        this.peerEnd = peerEnd;
    }

    int partitionCount() {
        return partitionStarts.length - 1;
    }

    static PartitionLayout of(Batch input, List<Integer> partitionChannels, List<SortKey> orderBy) {
        int rowCount = input.rowCount();
        List<SortKey> partitionKeys = new ArrayList<>();
        for (int channel : partitionChannels) {
            partitionKeys.add(SortKey.ascending(channel));
        }
        List<SortKey> allKeys = new ArrayList<>(partitionKeys);
        allKeys.addAll(orderBy);
        int[] sorted = new RowComparator(input, allKeys).sortedPositions(rowCount);
        RowComparator partitions = new RowComparator(input, partitionKeys);
        RowComparator peers = new RowComparator(input, orderBy);

        List<Integer> starts = new ArrayList<>();
        int[] peerStart = new int[rowCount];
        int[] peerEnd = new int[rowCount];
        int groupStart = 0;
        for (int k = 0; k < rowCount; k++) {
            boolean newPartition = k == 0 || partitions.compare(sorted[k - 1], sorted[k]) != 0;
            if (newPartition) {
                starts.add(k);
            }
            if (newPartition || peers.compare(sorted[k - 1], sorted[k]) != 0) {
                fillPeerEnd(peerEnd, groupStart, k);
                groupStart = k;
            }
            peerStart[k] = groupStart;
        }
        fillPeerEnd(peerEnd, groupStart, rowCount);
        starts.add(rowCount);
        int[] partitionStarts = new int[starts.size()];
        for (int i = 0; i < partitionStarts.length; i++) {
            partitionStarts[i] = starts.get(i);
        }
        return new PartitionLayout(sorted, partitionStarts, peerStart, peerEnd);
    }

    private static void fillPeerEnd(int[] peerEnd, int from, int to) {
        for (int k = from; k < to; k++) {
            peerEnd[k] = to;
        }
    }
}
