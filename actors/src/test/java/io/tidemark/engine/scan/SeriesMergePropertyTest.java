package io.tidemark.engine.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.storage.chunk.ColumnSpec;
import io.tidemark.storage.chunk.OpenChunk;
import io.tidemark.storage.chunk.SealedChunk;
import io.tidemark.storage.model.MeasureType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** {@link SeriesMerge#disjoint} against merging everything at once, on chunks that overlap at random. */
class SeriesMergePropertyTest {

    private static final List<ColumnSpec> VALUE = List.of(new ColumnSpec("measure_value::double", MeasureType.DOUBLE));

    /** A chunk of the given times (deduplicated), each row's version and value drawn from the seed. */
    private static SealedChunk chunk(List<Integer> times, int seed) {
        OpenChunk open = new OpenChunk(VALUE);
        int i = 0;
        for (int t : new TreeSet<>(times)) {
            int row = open.append(t * 1000L, 1 + (seed + i) % 3);
            open.setDouble(0, row, seed * 100 + i);
            i++;
        }
        return open.seal();
    }

    private static List<long[]> rows(List<SealedChunk> chunks) {
        List<long[]> rows = new ArrayList<>();
        for (SealedChunk chunk : chunks) {
            long[] times = new long[chunk.count()];
            long[] versions = new long[chunk.count()];
            double[] values = new double[chunk.count()];
            chunk.decodeTimes(times);
            chunk.decodeVersions(versions);
            chunk.decodeDoubles(0, values);
            for (int r = 0; r < chunk.count(); r++) {
                rows.add(new long[] {times[r], versions[r], Double.doubleToLongBits(values[r])});
            }
        }
        return rows;
    }

    @Property(tries = 200)
    void disjointChunksHoldExactlyTheMergedPoints(
            @ForAll @Size(min = 1, max = 5) List<@Size(min = 1, max = 12) List<@IntRange(min = 0, max = 60) Integer>> chunkTimes) {
        List<SealedChunk> chunks = new ArrayList<>();
        for (int c = 0; c < chunkTimes.size(); c++) {
            chunks.add(chunk(chunkTimes.get(c), c));
        }

        List<SealedChunk> disjoint = SeriesMerge.disjoint(chunks);

        assertThat(rows(disjoint)).usingElementComparator((a, b) -> Arrays.equals(a, b) ? 0 : 1)
                .containsExactlyElementsOf(rows(List.of(SealedChunk.merge(chunks))));
        for (int i = 1; i < disjoint.size(); i++) {
            assertThat(disjoint.get(i).minTime()).isGreaterThan(disjoint.get(i - 1).maxTime());
        }
        for (SealedChunk chunk : chunks) {
            boolean overlapsAnother = chunks.stream().anyMatch(other -> other != chunk
                    && other.minTime() <= chunk.maxTime() && chunk.minTime() <= other.maxTime());
            if (!overlapsAnother) {
                assertThat(disjoint).as("a chunk overlapping none is passed on, not re-encoded")
                        .anyMatch(d -> d == chunk);
            }
        }
    }
}
