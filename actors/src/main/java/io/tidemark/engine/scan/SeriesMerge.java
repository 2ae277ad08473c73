package io.tidemark.engine.scan;

import io.tidemark.engine.shard.SeriesChunks;
import io.tidemark.storage.chunk.SealedChunk;
import io.tidemark.storage.model.SeriesKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * How the chunks of a series, from the magnetic store and the memory store, become its current
 * points: the one merge routine of every reader ({@link TableScanner} and the query fragments).
 * On a duplicate time the highest version wins; on equal versions the later chunk, and the memory
 * store's chunks come after the magnetic store's because they are newer.
 */
public final class SeriesMerge {

    private SeriesMerge() {
    }

    /**
     * The chunks of each series {@code wanted} accepts, in series-key order, the magnetic chunks
     * before the memory-store ones (so {@link #disjoint} lets memory win ties).
     *
     * @param memory the memory-store chunks, one list per shard answer
     */
    public static SortedMap<SeriesKey, List<SealedChunk>> bySeries(List<SeriesChunks> magnetic,
            List<List<SeriesChunks>> memory, Predicate<SeriesKey> wanted) {
        SortedMap<SeriesKey, List<SealedChunk>> bySeries = new TreeMap<>();
        add(bySeries, magnetic, wanted);
        for (List<SeriesChunks> answer : memory) {
            add(bySeries, answer, wanted);
        }
        return bySeries;
    }

    private static void add(SortedMap<SeriesKey, List<SealedChunk>> bySeries, List<SeriesChunks> chunks,
            Predicate<SeriesKey> wanted) {
        for (SeriesChunks series : chunks) {
            if (wanted.test(series.series())) {
                bySeries.computeIfAbsent(series.series(), k -> new ArrayList<>()).addAll(series.chunks());
            }
        }
    }

    /**
     * The current points of one series' chunks as chunks ordered by time whose time ranges do not
     * overlap. Only chunks that overlap another are merged (re-encoded, {@link SealedChunk#merge});
     * the others are returned as they are, so a series without upserts or overlapping tiers is
     * read without re-encoding anything.
     *
     * @param chunks in precedence order: on equal versions a later chunk wins
     */
    public static List<SealedChunk> disjoint(List<SealedChunk> chunks) {
        if (chunks.size() == 1) {
            return chunks;
        }
        List<Integer> byStart = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            byStart.add(i);
        }
        byStart.sort(Comparator.comparingLong(i -> chunks.get(i).minTime()));
        List<SealedChunk> out = new ArrayList<>();
        List<Integer> run = new ArrayList<>();
        long runEnd = Long.MIN_VALUE;
        for (int i : byStart) {
            SealedChunk chunk = chunks.get(i);
            if (!run.isEmpty() && chunk.minTime() > runEnd) {
                out.add(mergeRun(chunks, run));
                run.clear();
            }
            run.add(i);
            runEnd = run.size() == 1 ? chunk.maxTime() : Math.max(runEnd, chunk.maxTime());
        }
        out.add(mergeRun(chunks, run));
        return out;
    }

    /** One chunk of an overlapping run, merged in the chunks' original precedence order. */
    private static SealedChunk mergeRun(List<SealedChunk> chunks, List<Integer> run) {
        if (run.size() == 1) {
            return chunks.get(run.get(0));
        }
        List<Integer> inOrder = new ArrayList<>(run);
        inOrder.sort(Comparator.naturalOrder());
        List<SealedChunk> members = new ArrayList<>(inOrder.size());
        for (int i : inOrder) {
            members.add(chunks.get(i));
        }
        return SealedChunk.merge(members);
    }

    /** The first of the {@code n} ascending {@code times} at or after {@code time}; {@code n} if none is. */
    public static int firstAtOrAfter(long[] times, int n, long time) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (times[mid] < time) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The first of the {@code n} ascending {@code times} after {@code time}; {@code n} if none is. */
    public static int firstAfter(long[] times, int n, long time) {
        return time == Long.MAX_VALUE ? n : firstAtOrAfter(times, n, time + 1);
    }
}
