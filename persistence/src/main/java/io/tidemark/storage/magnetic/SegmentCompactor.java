package io.tidemark.storage.magnetic;

import io.tidemark.storage.model.SeriesKey;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Merges the segments of a partition into one larger segment, under a {@link CompactionPolicy}.
 *
 * <p>Every block of every input is fed, oldest segment first, into one {@link SegmentWriter}, which
 * merges overlapping blocks of a series: a duplicate (series, time) keeps the higher version and, on
 * equal versions, the point of the newer segment. Only a run of the newest segments is ever merged,
 * so the output (which gets the highest id) wins ties exactly where its inputs did.
 *
 * <p>Crash safety: the output is written and made durable first, naming its inputs in its
 * "replaces" list; the inputs are deleted afterwards. A crash in between leaves inputs and output
 * holding the same points, which is harmless (reads merge duplicates by version) and which
 * {@link MagneticStore#open} finishes by deleting the inputs; see
 * <a href="../../../../../../../../docs/formats/segment.md">docs/formats/segment.md</a>, "Crash safety".
 */
public final class SegmentCompactor {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentCompactor.class);
    private static final int MAX_LEVEL = 255;

    private final MagneticStore store;
    private final CompactionPolicy policy;

    public SegmentCompactor(MagneticStore store, CompactionPolicy policy) {
        this.store = store;
        this.policy = policy;
    }

    /**
     * The segments the policy would merge, from the segments of one partition ordered by id: all of
     * them when there are more than the maximum, else the newest run of small segments if it has at
     * least two; otherwise none.
     */
    public List<SegmentReader> select(List<SegmentReader> partitionSegments) {
        if (partitionSegments.size() > policy.maxSegmentsPerPartition()) {
            return partitionSegments;
        }
        int start = partitionSegments.size();
        while (start > 0 && partitionSegments.get(start - 1).sizeBytes() < policy.smallSegmentBytes()) {
            start--;
        }
        List<SegmentReader> run = partitionSegments.subList(start, partitionSegments.size());
        return run.size() >= 2 ? List.copyOf(run) : List.of();
    }

    /** Compacts every partition the policy selects; returns the new segments. */
    public List<SegmentReader> compactAll() throws IOException {
        List<SegmentReader> outputs = new ArrayList<>();
        for (LocalDate partition : store.partitions()) {
            compact(partition).ifPresent(outputs::add);
        }
        return outputs;
    }

    /** Compacts one partition if the policy selects any of its segments. */
    public Optional<SegmentReader> compact(LocalDate partition) throws IOException {
        List<SegmentReader> inputs = select(store.segments(partition));
        if (inputs.isEmpty()) {
            return Optional.empty();
        }
        SegmentWriter writer = new SegmentWriter(partition, policy.maxBlockPoints());
        int level = 0;
        long inputBytes = 0;
        for (SegmentReader input : inputs) {
            level = Math.max(level, input.header().level());
            inputBytes += input.sizeBytes();
            for (int s = 0; s < input.seriesCount(); s++) {
                SeriesKey key = input.series(s);
                for (BlockRef block : input.blocks(s)) {
                    writer.add(key, input.read(block));
                }
            }
        }
        SegmentReader output = store.replace(inputs, writer, Math.min(level + 1, MAX_LEVEL));
        LOG.info("Compacted segments: table={}, partition={}, inputs={}, inputBytes={}, output={}, outputBytes={}",
                store.layout().tableId(), partition, inputs.size(), inputBytes, output.file().getFileName(),
                output.sizeBytes());
        return Optional.of(output);
    }
}
