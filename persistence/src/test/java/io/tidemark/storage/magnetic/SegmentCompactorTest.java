package io.tidemark.storage.magnetic;

import static io.tidemark.storage.magnetic.SegmentTestData.DAY;
import static io.tidemark.storage.magnetic.SegmentTestData.DAY_START;
import static io.tidemark.storage.magnetic.SegmentTestData.SECOND;
import static io.tidemark.storage.magnetic.SegmentTestData.chunk;
import static io.tidemark.storage.magnetic.SegmentTestData.key;
import static io.tidemark.storage.magnetic.SegmentTestData.points;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.storage.chunk.OpenChunk;
import io.tidemark.storage.chunk.SealedChunk;
import io.tidemark.storage.fileio.FileIo;
import io.tidemark.storage.model.SeriesKey;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentCompactorTest {

    @TempDir
    Path data;

    private MagneticLayout layout() {
        return new MagneticLayout(data, "t1");
    }

    /**
     * Five segments whose chunks overlap and upsert each other (random versions, some ties) are
     * merged into one; every series reads back as the union with the version rules applied, with
     * ties won by the newer segment.
     */
    @Test
    void compactionEqualsTheUnionWithVersionDedupe() throws IOException {
        Random random = new Random(42);
        Map<SeriesKey, List<SealedChunk>> written = new HashMap<>();
        try (MagneticStore store = MagneticStore.open(FileIo.DEFAULT, layout(), Clock.systemUTC())) {
            for (int s = 0; s < 5; s++) {
                SegmentWriter writer = new SegmentWriter(DAY);
                for (int h = 0; h < 8; h++) {
                    SeriesKey key = key("host_" + h, "usage");
                    long start = DAY_START + random.nextInt(2_000) * 10 * SECOND;
                    SealedChunk chunk = chunk(start, 10 * SECOND, 200 + random.nextInt(300), s * 10_000 + h * 100,
                            random.nextInt(3));
                    writer.add(key, chunk);
                    written.computeIfAbsent(key, k -> new ArrayList<>()).add(chunk);
                }
                store.write(writer);
            }
            List<SegmentReader> inputs = store.segments();
            Map<SeriesKey, Map<Long, SegmentTestData.Point>> beforeCompaction = new HashMap<>();
            for (SeriesKey key : written.keySet()) {
                beforeCompaction.put(key, points(store.read(key, Long.MIN_VALUE, Long.MAX_VALUE)));
            }
            SegmentCompactor compactor = new SegmentCompactor(store, new CompactionPolicy(4, 0, 1_000));
            List<SegmentReader> outputs = compactor.compactAll();

            assertThat(outputs).singleElement().satisfies(out -> {
                assertThat(out.header().level()).isEqualTo(1);
                assertThat(out.segmentId()).isEqualTo(5);
                assertThat(out.replaces()).containsExactly(0, 1, 2, 3, 4);
            });
            assertThat(store.segments()).isEqualTo(outputs);
            assertThat(inputs).allSatisfy(input -> assertThat(input.file()).doesNotExist());
            SegmentReader output = outputs.get(0);
            for (Map.Entry<SeriesKey, List<SealedChunk>> e : written.entrySet()) {
                int series = output.find(e.getKey());
                assertThat(points(output.read(series, Long.MIN_VALUE, Long.MAX_VALUE)))
                        .as("series %s", e.getKey()).isEqualTo(points(e.getValue()));
                List<BlockRef> blocks = output.blocks(series);
                for (int b = 1; b < blocks.size(); b++) {
                    assertThat(blocks.get(b).minTime()).isGreaterThan(blocks.get(b - 1).maxTime());
                }
            }
            assertThat(compactor.compactAll()).as("nothing left to compact").isEmpty();
            // A query holding the snapshot from before the compaction still reads the deleted inputs.
            for (SeriesKey key : written.keySet()) {
                List<SealedChunk> old = new ArrayList<>();
                for (SegmentReader input : inputs) {
                    int series = input.find(key);
                    if (series >= 0) {
                        old.addAll(input.read(series, Long.MIN_VALUE, Long.MAX_VALUE));
                    }
                }
                assertThat(points(old)).isEqualTo(beforeCompaction.get(key));
            }
        }
        try (MagneticStore reopened = MagneticStore.open(FileIo.DEFAULT, layout(), Clock.systemUTC())) {
            assertThat(reopened.segments()).extracting(SegmentReader::segmentId).containsExactly(5L);
        }
    }

    @Test
    void policyMergesEverythingAboveTheCountElseTheNewestRunOfSmallSegments() throws IOException {
        try (MagneticStore store = MagneticStore.open(FileIo.DEFAULT, layout(), Clock.systemUTC())) {
            store.write(writer("big", 5_000));
            store.write(writer("small1", 10));
            store.write(writer("big2", 5_000));
            store.write(writer("small2", 10));
            store.write(writer("small3", 10));
            List<SegmentReader> all = store.segments(DAY);
            long smallLimit = (all.get(0).sizeBytes() + all.get(1).sizeBytes()) / 2;

            SegmentCompactor bySize = new SegmentCompactor(store, new CompactionPolicy(10, smallLimit, 8_640));
            assertThat(bySize.select(all)).containsExactly(all.get(3), all.get(4));
            assertThat(bySize.select(all.subList(0, 4))).as("a single small segment stays").isEmpty();

            SegmentCompactor byCount = new SegmentCompactor(store, new CompactionPolicy(4, 0, 8_640));
            assertThat(byCount.select(all)).isEqualTo(all);
            assertThat(byCount.select(all.subList(0, 4))).isEmpty();

            SegmentReader merged = bySize.compact(DAY).orElseThrow();
            assertThat(store.segments(DAY)).containsExactly(all.get(0), all.get(1), all.get(2), merged);
            assertThat(merged.seriesKeys()).containsExactly(key("host_0", "small2"), key("host_0", "small3"));
        }
    }

    @Test
    void policyValidatesItsSettings() {
        assertThat(CompactionPolicy.DEFAULT).isEqualTo(new CompactionPolicy(4, 16L << 20, 8_640));
        assertThatThrownBy(() -> new CompactionPolicy(0, 1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot use compaction policy: maxSegmentsPerPartition=0");
    }

    /**
     * A crash after the compaction output is durable and before its inputs are deleted leaves both;
     * the next open finishes the compaction by deleting the inputs the output names.
     */
    @Test
    void openFinishesACompactionInterruptedBeforeDeletingItsInputs() throws IOException {
        List<SealedChunk> chunks = new ArrayList<>();
        try (MagneticStore store = MagneticStore.open(FileIo.DEFAULT, layout(), Clock.systemUTC())) {
            for (int i = 0; i < 3; i++) {
                SealedChunk chunk = chunk(DAY_START + i * 500 * SECOND, SECOND, 600, i * 1_000, i);
                chunks.add(chunk);
                SegmentWriter writer = new SegmentWriter(DAY);
                writer.add(key("host_0", "usage"), chunk);
                store.write(writer);
            }
        }
        // The output as the compactor writes it, without the deletions that follow.
        SegmentWriter output = new SegmentWriter(DAY);
        for (SealedChunk chunk : chunks) {
            output.add(key("host_0", "usage"), chunk);
        }
        output.write(FileIo.DEFAULT, layout(), 3, 1, new long[] {0, 1}, 0);

        try (MagneticStore store = MagneticStore.open(FileIo.DEFAULT, layout(), Clock.systemUTC())) {
            assertThat(store.segments()).extracting(SegmentReader::segmentId).containsExactly(2L, 3L);
            assertThat(layout().segmentFile(DAY, 0)).doesNotExist();
            assertThat(layout().segmentFile(DAY, 1)).doesNotExist();
            assertThat(points(store.read(key("host_0", "usage"), Long.MIN_VALUE, Long.MAX_VALUE)))
                    .isEqualTo(points(chunks));
        }
    }

    /** A segment of one series of random values, so that its size grows with its point count. */
    private static SegmentWriter writer(String measure, int points) {
        Random random = new Random(measure.hashCode());
        OpenChunk open = new OpenChunk(SegmentTestData.DOUBLE_COLUMN);
        for (int i = 0; i < points; i++) {
            open.setDouble(0, open.append(DAY_START + i * SECOND, 1), random.nextDouble());
        }
        SegmentWriter writer = new SegmentWriter(DAY);
        writer.add(key("host_0", measure), open.seal());
        return writer;
    }
}
