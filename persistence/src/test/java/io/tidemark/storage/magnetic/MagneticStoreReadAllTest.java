package io.tidemark.storage.magnetic;

import static io.tidemark.storage.magnetic.SegmentTestData.DAY;
import static io.tidemark.storage.magnetic.SegmentTestData.DAY_START;
import static io.tidemark.storage.magnetic.SegmentTestData.SECOND;
import static io.tidemark.storage.magnetic.SegmentTestData.chunk;
import static io.tidemark.storage.magnetic.SegmentTestData.key;
import static io.tidemark.storage.magnetic.SegmentTestData.points;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.storage.CorruptionException;
import io.tidemark.storage.chunk.SealedChunk;
import io.tidemark.storage.fileio.FileIo;
import io.tidemark.storage.model.SeriesKey;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link MagneticStore#readAll}: every series in a time range, as {@link MagneticStore#read} gives each. */
class MagneticStoreReadAllTest {

    @TempDir
    Path data;

    @Test
    void readAllGivesEverySeriesInTheRangeAsReadDoes() throws IOException {
        try (MagneticStore store = MagneticStore.open(FileIo.DEFAULT, new MagneticLayout(data, "t1"), Clock.systemUTC())) {
            for (int s = 0; s < 2; s++) {
                SegmentWriter writer = new SegmentWriter(DAY);
                writer.add(key("early", "cpu"), chunk(DAY_START, SECOND, 100, s * 1000, s + 1));
                writer.add(key("late", "cpu"), chunk(DAY_START + 3_600 * SECOND, SECOND, 100, s * 1000, s + 1));
                store.write(writer);
            }

            Map<SeriesKey, List<SealedChunk>> all = store.readAll(DAY_START, DAY_START + 3_599 * SECOND);
            Map<SeriesKey, List<SealedChunk>> both = store.readAll(Long.MIN_VALUE, Long.MAX_VALUE);

            assertThat(all).containsOnlyKeys(key("early", "cpu"));
            assertThat(both).containsOnlyKeys(key("early", "cpu"), key("late", "cpu"));
            for (SeriesKey series : both.keySet()) {
                List<SealedChunk> read = store.read(series, Long.MIN_VALUE, Long.MAX_VALUE);
                assertThat(both.get(series)).hasSize(2).hasSameSizeAs(read);
                assertThat(points(both.get(series))).isEqualTo(points(read));
            }
            assertThat(store.readAll(DAY_START + 7_200 * SECOND, Long.MAX_VALUE)).isEmpty();
        }
    }

    @Test
    void readAllSkipsTheBlocksOfUnwantedSeriesWithoutReadingThem() throws IOException {
        try (MagneticStore store = MagneticStore.open(FileIo.DEFAULT, new MagneticLayout(data, "t1"), Clock.systemUTC())) {
            SegmentWriter writer = new SegmentWriter(DAY);
            writer.add(key("wanted", "cpu"), chunk(DAY_START, SECOND, 100, 0, 1));
            writer.add(key("skipped", "cpu"), chunk(DAY_START, SECOND, 100, 0, 1));
            SegmentReader segment = store.write(writer);
            // damage the skipped series' block: reading it would fail its CRC check
            BlockRef skipped = segment.blocks(segment.find(key("skipped", "cpu"))).get(0);
            try (RandomAccessFile file = new RandomAccessFile(segment.file().toFile(), "rw")) {
                long at = skipped.offset() + skipped.length() / 2;
                file.seek(at);
                int b = file.read();
                file.seek(at);
                file.write(b ^ 0xFF);
            }

            Map<SeriesKey, List<SealedChunk>> wanted = store.readAll(Long.MIN_VALUE, Long.MAX_VALUE,
                    series -> series.dimensionValue("hostname").equals("wanted"));

            assertThat(wanted).containsOnlyKeys(key("wanted", "cpu"));
            assertThat(points(wanted.get(key("wanted", "cpu")))).hasSize(100);
            assertThatThrownBy(() -> store.readAll(Long.MIN_VALUE, Long.MAX_VALUE))
                    .isInstanceOf(CorruptionException.class);
        }
    }
}
