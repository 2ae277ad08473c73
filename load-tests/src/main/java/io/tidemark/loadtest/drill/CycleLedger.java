package io.tidemark.loadtest.drill;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the writers of one drill cycle sent and saw acknowledged, and what reading the cycle back
 * found missing or not whole. Each writer sends its calls one after the other, so its
 * acknowledged records are a prefix of what it sent: sequence numbers {@code [firstSeq, ackedEnd)}
 * of {@code [firstSeq, sentEnd)}. Losses and half-written rows are kept as sets, so reading the
 * same cycle back again after a later crash books each one once.
 */
final class CycleLedger {

    /** One writer's part; its ends move while the writer runs and are read once it stopped. */
    static final class Writer {
        final long firstSeq;
        volatile long sentEnd;
        volatile long ackedEnd;

        Writer(long firstSeq) {
            this.firstSeq = firstSeq;
            this.sentEnd = firstSeq;
            this.ackedEnd = firstSeq;
        }
    }

    private final int cycle;
    private final Writer[] writers;
    private final Set<String> lost = new HashSet<>();
    private final Set<String> halfWritten = new HashSet<>();
    /** The counts (rows, non-null measures) last read per writer; unchanged ones need no new read-back. */
    private final List<List<String>> verifiedCounts;

    /** @param firstSeqs where each writer's sequence numbers start in this cycle */
    CycleLedger(int cycle, long[] firstSeqs) {
        this.cycle = cycle;
        this.writers = new Writer[firstSeqs.length];
        this.verifiedCounts = new ArrayList<>();
        for (int w = 0; w < firstSeqs.length; w++) {
            writers[w] = new Writer(firstSeqs[w]);
            verifiedCounts.add(null);
        }
    }

    int cycle() {
        return cycle;
    }

    Writer writer(int writer) {
        return writers[writer];
    }

    int writerCount() {
        return writers.length;
    }

    long sent() {
        long n = 0;
        for (Writer w : writers) {
            n += w.sentEnd - w.firstSeq;
        }
        return n;
    }

    long acked() {
        long n = 0;
        for (Writer w : writers) {
            n += w.ackedEnd - w.firstSeq;
        }
        return n;
    }

    long lost() {
        return lost.size();
    }

    long halfWritten() {
        return halfWritten.size();
    }

    /** Whether {@code counts} (per writer, as {@link DrillRecords#countsQuery} reads them) differ from the last ones checked. */
    boolean countsChanged(List<List<String>> counts) {
        return !Objects.equals(counts, verifiedCounts);
    }

    void countsVerified(List<List<String>> counts) {
        for (int w = 0; w < writers.length; w++) {
            verifiedCounts.set(w, counts.get(w));
        }
    }

    /**
     * Books every acknowledged record that {@code rows} (the cycle read back with
     * {@link DrillRecords#cycleQuery}) lacks, and every row that is not a whole record some writer
     * of this cycle sent.
     */
    void check(List<List<String>> rows) {
        List<Set<Long>> present = new ArrayList<>();
        for (int w = 0; w < writers.length; w++) {
            present.add(new HashSet<>());
        }
        for (List<String> row : rows) {
            int w = writerIndex(row.get(0));
            long seq = DrillRecords.isWhole(row) ? Long.parseLong(row.get(1)) : -1;
            if (w < 0 || seq < writers[w].firstSeq || seq >= writers[w].sentEnd) {
                halfWritten.add(row.toString());
            } else {
                present.get(w).add(seq);
            }
        }
        for (int w = 0; w < writers.length; w++) {
            for (long seq = writers[w].firstSeq; seq < writers[w].ackedEnd; seq++) {
                if (!present.get(w).contains(seq)) {
                    lost.add(DrillRecords.writerName(w) + "-" + seq);
                }
            }
        }
    }

    private int writerIndex(String writer) {
        if (writer == null || !writer.startsWith("w")) {
            return -1;
        }
        try {
            int w = Integer.parseInt(writer.substring(1));
            return w < writers.length ? w : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
