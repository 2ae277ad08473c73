package io.tidemark.storage.pekko;

import java.util.Arrays;

/**
 * Where the live events of one persistence id are: for each stored batch, its first sequence
 * number and queue index, in increasing sequence order, in two parallel primitive arrays. Also the
 * highest sequence number ever written and the deleted-to watermark. Batches wholly at or below
 * the watermark are dropped from memory. Not thread-safe; {@link EventLog} guards it.
 */
final class PersistenceIdIndex {

    private long[] batchFirstSequenceNr = new long[4];
    private long[] batchQueueIndex = new long[4];
    private int batches;
    private long highestSequenceNr;
    private long deletedTo;

    long highestSequenceNr() {
        return highestSequenceNr;
    }

    long deletedTo() {
        return deletedTo;
    }

    int batchCount() {
        return batches;
    }

    long batchFirstSequenceNr(int batch) {
        return batchFirstSequenceNr[batch];
    }

    long batchQueueIndex(int batch) {
        return batchQueueIndex[batch];
    }

    /** Records a batch; its sequence numbers must all be above {@link #highestSequenceNr()}. */
    void addBatch(long firstSequenceNr, long lastSequenceNr, long queueIndex) {
        if (firstSequenceNr <= highestSequenceNr || lastSequenceNr < firstSequenceNr) {
            throw new IllegalArgumentException("cannot index batch: firstSequenceNr=" + firstSequenceNr
                    + ", lastSequenceNr=" + lastSequenceNr + ", highestSequenceNr=" + highestSequenceNr);
        }
        if (batches == batchFirstSequenceNr.length) {
            batchFirstSequenceNr = Arrays.copyOf(batchFirstSequenceNr, batches * 2);
            batchQueueIndex = Arrays.copyOf(batchQueueIndex, batches * 2);
        }
        batchFirstSequenceNr[batches] = firstSequenceNr;
        batchQueueIndex[batches] = queueIndex;
        batches++;
        highestSequenceNr = lastSequenceNr;
    }

    /**
     * Moves the deleted-to watermark up to {@code toSequenceNr} (never down). A watermark above
     * the highest sequence number also raises that: it is how the number outlives its events.
     */
    void deleteTo(long toSequenceNr) {
        if (toSequenceNr <= deletedTo) {
            return;
        }
        deletedTo = toSequenceNr;
        highestSequenceNr = Math.max(highestSequenceNr, toSequenceNr);
        int dropped = 0;
        while (dropped < batches && lastSequenceNrOf(dropped) <= deletedTo) {
            dropped++;
        }
        if (dropped > 0) {
            System.arraycopy(batchFirstSequenceNr, dropped, batchFirstSequenceNr, 0, batches - dropped);
            System.arraycopy(batchQueueIndex, dropped, batchQueueIndex, 0, batches - dropped);
            batches -= dropped;
        }
    }

    private long lastSequenceNrOf(int batch) {
        return batch + 1 < batches ? batchFirstSequenceNr[batch + 1] - 1 : highestSequenceNr;
    }

    /** The first batch that may hold {@code sequenceNr} or a later event; {@link #batchCount()} if none. */
    int firstBatchFrom(long sequenceNr) {
        int found = Arrays.binarySearch(batchFirstSequenceNr, 0, batches, sequenceNr);
        if (found >= 0) {
            return found;
        }
        int insertion = -found - 1;
        return Math.max(0, insertion - 1);
    }
}
