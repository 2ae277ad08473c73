package io.tidemark.storage.magnetic;

/**
 * When {@link SegmentCompactor} merges the segments of a partition.
 *
 * @param maxSegmentsPerPartition above this many segments, all segments of the partition are merged
 * @param smallSegmentBytes       segments below this size are "small"; two or more small segments
 *                                at the newest end of a partition are merged
 * @param maxBlockPoints          block size of the output, as for {@link SegmentWriter}
 */
public record CompactionPolicy(int maxSegmentsPerPartition, long smallSegmentBytes, int maxBlockPoints) {

    /**
     * Merge beyond 4 segments a day, or when small segments (under 16 MiB, about a day of 5,500
     * TSBS-like series at 0.35 bytes per point) pile up, into blocks of a day of 10-second points.
     */
    public static final CompactionPolicy DEFAULT =
            new CompactionPolicy(4, 16L << 20, SegmentWriter.DEFAULT_MAX_BLOCK_POINTS);

    public CompactionPolicy {
        if (maxSegmentsPerPartition < 1 || smallSegmentBytes < 0 || maxBlockPoints < 1) {
            throw new IllegalArgumentException("cannot use compaction policy: maxSegmentsPerPartition="
                    + maxSegmentsPerPartition + ", smallSegmentBytes=" + smallSegmentBytes
                    + ", maxBlockPoints=" + maxBlockPoints);
        }
    }
}
