package io.tidemark.storage.magnetic;

import static io.tidemark.storage.magnetic.SegmentTestData.DAY;
import static io.tidemark.storage.magnetic.SegmentTestData.DAY_START;
import static io.tidemark.storage.magnetic.SegmentTestData.SECOND;
import static io.tidemark.storage.magnetic.SegmentTestData.chunk;
import static io.tidemark.storage.magnetic.SegmentTestData.key;
import static io.tidemark.storage.magnetic.SegmentTestData.points;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.storage.chunk.SealedChunk;
import io.tidemark.storage.fileio.FileIo;
import io.tidemark.storage.model.SeriesKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Random sets of chunks (overlapping, out of order, with competing versions and ties) written as
 * one segment read back as the model says, with the block invariants of the format.
 */
class SegmentWriterPropertyTest {

    /** A chunk to add: series, start second, step seconds, points, seed value, version. */
    record ChunkSpec(int series, int startSecond, int stepSeconds, int count, int seed, int version) {
        SealedChunk seal() {
            return chunk(DAY_START + startSecond * SECOND, stepSeconds * SECOND, count, seed, version);
        }
    }

    @Provide
    Arbitrary<List<ChunkSpec>> chunkSets() {
        Arbitrary<ChunkSpec> spec = Combinators.combine(
                Arbitraries.integers().between(0, 4),
                Arbitraries.integers().between(0, 80_000),
                Arbitraries.integers().between(1, 20),
                Arbitraries.integers().between(1, 300),
                Arbitraries.integers().between(-1_000, 1_000),
                Arbitraries.integers().between(0, 2))
                .as(ChunkSpec::new)
                .filter(c -> c.startSecond() + (long) c.stepSeconds() * (c.count() - 1) < 86_400);
        return spec.list().ofMinSize(1).ofMaxSize(25);
    }

    @Property(tries = 40)
    void segmentReadsBackAsTheModel(@ForAll("chunkSets") List<ChunkSpec> specs,
            @ForAll @IntRange(min = 1, max = 1_000) int maxBlockPoints) throws IOException {
        Path data = Files.createTempDirectory("segment-property");
        try {
            SegmentWriter writer = new SegmentWriter(DAY, maxBlockPoints);
            Map<SeriesKey, List<SealedChunk>> model = new HashMap<>();
            for (ChunkSpec spec : specs) {
                SeriesKey key = key("host_" + spec.series(), "usage");
                SealedChunk chunk = spec.seal();
                writer.add(key, chunk);
                model.computeIfAbsent(key, k -> new ArrayList<>()).add(chunk);
            }
            Path file = writer.write(FileIo.DEFAULT, new MagneticLayout(data, "p"), 1, 0, new long[0], 0);
            try (SegmentReader reader = SegmentReader.open(FileIo.DEFAULT, file)) {
                assertThat(reader.seriesKeys()).containsExactlyElementsOf(model.keySet().stream().sorted().toList());
                for (Map.Entry<SeriesKey, List<SealedChunk>> e : model.entrySet()) {
                    int series = reader.find(e.getKey());
                    List<BlockRef> blocks = reader.blocks(series);
                    List<SealedChunk> read = reader.read(series, Long.MIN_VALUE, Long.MAX_VALUE);
                    assertThat(points(read)).isEqualTo(points(e.getValue()));
                    for (int b = 0; b < blocks.size(); b++) {
                        BlockRef block = blocks.get(b);
                        assertThat(read.get(b).count()).isEqualTo(block.count());
                        assertThat(read.get(b).stats()).isEqualTo(block.stats());
                        if (b > 0) {
                            assertThat(block.minTime()).isGreaterThan(blocks.get(b - 1).maxTime());
                        }
                    }
                }
            }
        } finally {
            deleteRecursively(data);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
