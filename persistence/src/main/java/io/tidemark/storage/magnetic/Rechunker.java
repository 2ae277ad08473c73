package io.tidemark.storage.magnetic;

import io.tidemark.storage.chunk.SealedChunk;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns the chunks of one series into the blocks of a segment: time-ordered, non-overlapping, each
 * of up to {@code maxBlockPoints} points. Small neighbouring chunks are merged into one block so a
 * day of a series reads as one or two blocks; chunks whose time ranges overlap always end up in the
 * same block so {@link SealedChunk#merge} can keep the higher version of a duplicate point. A single
 * chunk larger than the limit, or a run of overlapping chunks, makes a larger block rather than being
 * split, and a block made of one chunk keeps that chunk's bytes verbatim.
 */
final class Rechunker {

    private Rechunker() {
    }

    /**
     * @param chunks in arrival order: on a tie (same time, same version) the later chunk's point wins
     */
    static List<SealedChunk> toBlocks(List<SealedChunk> chunks, int maxBlockPoints) {
        int n = chunks.size();
        // Order by start time; arrival order breaks ties so equal starts stay stable.
        Integer[] byStart = new Integer[n];
        Arrays.setAll(byStart, i -> i);
        Arrays.sort(byStart, (a, b) -> {
            int c = Long.compare(chunks.get(a).minTime(), chunks.get(b).minTime());
            return c != 0 ? c : Integer.compare(a, b);
        });
        List<SealedChunk> blocks = new ArrayList<>();
        List<Integer> group = new ArrayList<>();
        long groupPoints = 0;
        long groupMaxTime = Long.MIN_VALUE;
        for (int index : byStart) {
            SealedChunk chunk = chunks.get(index);
            boolean overlaps = !group.isEmpty() && chunk.minTime() <= groupMaxTime;
            boolean fits = groupPoints + chunk.count() <= maxBlockPoints;
            if (!group.isEmpty() && !overlaps && !fits) {
                blocks.add(mergeGroup(chunks, group));
                group.clear();
                groupPoints = 0;
                groupMaxTime = Long.MIN_VALUE;
            }
            group.add(index);
            groupPoints += chunk.count();
            groupMaxTime = Math.max(groupMaxTime, chunk.maxTime());
        }
        if (!group.isEmpty()) {
            blocks.add(mergeGroup(chunks, group));
        }
        return blocks;
    }

    private static SealedChunk mergeGroup(List<SealedChunk> chunks, List<Integer> group) {
        if (group.size() == 1) {
            return chunks.get(group.get(0));
        }
        group.sort(null); // back to arrival order, which decides ties
        List<SealedChunk> members = new ArrayList<>(group.size());
        for (int index : group) {
            members.add(chunks.get(index));
        }
        return SealedChunk.merge(members);
    }
}
