package io.tidemark.storage.magnetic;

import static io.tidemark.storage.magnetic.SegmentTestData.DAY;
import static io.tidemark.storage.magnetic.SegmentTestData.DAY_START;
import static io.tidemark.storage.magnetic.SegmentTestData.SECOND;
import static io.tidemark.storage.magnetic.SegmentTestData.chunk;
import static io.tidemark.storage.magnetic.SegmentTestData.key;
import static io.tidemark.storage.magnetic.SegmentTestData.points;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.storage.chunk.ColumnSpec;
import io.tidemark.storage.chunk.ColumnStats;
import io.tidemark.storage.chunk.OpenChunk;
import io.tidemark.storage.chunk.SealedChunk;
import io.tidemark.storage.fileio.FileIo;
import io.tidemark.storage.model.MeasureType;
import io.tidemark.storage.model.SeriesKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentRoundTripTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path data;

    private MagneticLayout layout() {
        return new MagneticLayout(data, "cpu-table");
    }

    @Test
    void manySeriesOverSeveralPartitionsReadBackExactly() throws IOException {
        Map<SeriesKey, List<SealedChunk>> written = new HashMap<>();
        try (MagneticStore store = MagneticStore.open(FileIo.DEFAULT, layout(), CLOCK)) {
            for (int d = 0; d < 3; d++) {
                LocalDate day = DAY.plusDays(d);
                long start = MagneticLayout.partitionStartNanos(day);
                SegmentWriter writer = new SegmentWriter(day);
                for (int h = 0; h < 40; h++) {
                    SeriesKey key = key("host_" + h, h % 2 == 0 ? "usage_user" : "usage_system");
                    // Twelve two-hour chunks of one point a minute per series and day, added newest first.
                    for (int c = 11; c >= 0; c--) {
                        SealedChunk chunk = chunk(start + c * 7_200 * SECOND, 60 * SECOND, 120, h * 1000 + c, 1);
                        writer.add(key, chunk);
                        written.computeIfAbsent(key, k -> new ArrayList<>()).add(chunk);
                    }
                }
                store.write(writer);
            }
            assertThat(store.partitions()).containsExactly(DAY, DAY.plusDays(1), DAY.plusDays(2));
            assertRead(store, written);
        }
        try (MagneticStore reopened = MagneticStore.open(FileIo.DEFAULT, layout(), CLOCK)) {
            assertThat(reopened.segments()).hasSize(3);
            assertRead(reopened, written);
            SegmentReader first = reopened.segments().get(0);
            assertThat(first.seriesCount()).isEqualTo(40);
            assertThat(first.seriesKeys()).isSorted();
            assertThat(first.sizeBytes()).isEqualTo(Files.size(first.file()));
            assertThat(first.header()).isEqualTo(new SegmentHeader("cpu-table", 0, 0, DAY_START,
                    DAY_START + MagneticLayout.PARTITION_NANOS, CLOCK.millis()));
            assertThat(first.file()).isEqualTo(data.resolve("magnetic/cpu-table/20261124/0000000000000000.tmk"));
        }
    }

    private static void assertRead(MagneticStore store, Map<SeriesKey, List<SealedChunk>> written) {
        for (Map.Entry<SeriesKey, List<SealedChunk>> e : written.entrySet()) {
            List<SealedChunk> read = store.read(e.getKey(), Long.MIN_VALUE, Long.MAX_VALUE);
            assertThat(points(read)).as("series %s", e.getKey()).isEqualTo(points(e.getValue()));
        }
    }

    @Test
    void smallChunksOfASeriesMergeIntoBlocksOfTheConfiguredSize() throws IOException {
        SegmentWriter writer = new SegmentWriter(DAY, 1_000);
        SeriesKey key = key("host_0", "usage_user");
        for (int c = 0; c < 10; c++) {
            writer.add(key, chunk(DAY_START + c * 300 * SECOND, SECOND, 300, c, 1));
        }
        try (SegmentReader reader = writeAndOpen(writer)) {
            List<BlockRef> blocks = reader.blocks(0);
            // 300-point chunks fill blocks of at most 1000 points: 900, 900, 900, 300.
            assertThat(blocks).extracting(BlockRef::count).containsExactly(900, 900, 900, 300);
            assertThat(blocks).isSortedAccordingTo((a, b) -> Long.compare(a.minTime(), b.minTime()));
            assertThat(blocks.get(0).minTime()).isEqualTo(DAY_START);
            assertThat(blocks.get(3).maxTime()).isEqualTo(DAY_START + 2_999 * SECOND);
            for (BlockRef block : blocks) {
                SealedChunk chunk = reader.read(block);
                assertThat(chunk.count()).isEqualTo(block.count());
                assertThat(chunk.stats()).isEqualTo(block.stats());
            }
        }
    }

    @Test
    void overlappingChunksMergeIntoOneBlockKeepingTheHigherVersion() throws IOException {
        SegmentWriter writer = new SegmentWriter(DAY, 100);
        SeriesKey key = key("host_0", "usage_user");
        SealedChunk old = chunk(DAY_START, SECOND, 80, 0, 1);
        SealedChunk upsert = chunk(DAY_START + 40 * SECOND, SECOND, 80, 500, 2);
        SealedChunk stale = chunk(DAY_START + 70 * SECOND, SECOND, 5, 900, 1);
        writer.add(key, old);
        writer.add(key, upsert);
        writer.add(key, stale);
        try (SegmentReader reader = writeAndOpen(writer)) {
            assertThat(reader.blocks(0)).hasSize(1);
            SealedChunk block = reader.read(reader.blocks(0).get(0));
            assertThat(block.count()).isEqualTo(120);
            assertThat(points(List.of(block))).isEqualTo(points(List.of(old, upsert, stale)));
        }
    }

    @Test
    void timeRangeSelectsOnlyOverlappingBlocks() throws IOException {
        SegmentWriter writer = new SegmentWriter(DAY, 100);
        SeriesKey key = key("host_0", "usage_user");
        for (int c = 0; c < 6; c++) {
            writer.add(key, chunk(DAY_START + c * 1_000 * SECOND, 10 * SECOND, 100, c, 1));
        }
        try (SegmentReader reader = writeAndOpen(writer)) {
            assertThat(reader.blocks(0)).hasSize(6);
            // Block c spans [c * 1000 s, c * 1000 s + 990 s].
            assertThat(reader.blocks(0, DAY_START + 995 * SECOND, DAY_START + 999 * SECOND)).isEmpty();
            assertThat(reader.blocks(0, DAY_START + 990 * SECOND, DAY_START + 2_000 * SECOND))
                    .extracting(BlockRef::minTime)
                    .containsExactly(DAY_START, DAY_START + 1_000 * SECOND, DAY_START + 2_000 * SECOND);
            assertThat(reader.blocks(0, Long.MIN_VALUE, DAY_START - 1)).isEmpty();
            assertThat(reader.read(0, DAY_START + 5_500 * SECOND, Long.MAX_VALUE)).singleElement()
                    .extracting(SealedChunk::minTime).isEqualTo(DAY_START + 5_000 * SECOND);
            BlockRef second = reader.blocks(0).get(1);
            assertThat(second.within(DAY_START + 1_000 * SECOND, DAY_START + 1_990 * SECOND)).isTrue();
            assertThat(second.within(DAY_START + 1_001 * SECOND, DAY_START + 1_990 * SECOND)).isFalse();
        }
    }

    @Test
    void findsSeriesByKeyAndByDimension() throws IOException {
        SegmentWriter writer = new SegmentWriter(DAY);
        for (String host : List.of("host_b", "host_a", "host_c")) {
            for (String measure : List.of("usage_user", "usage_idle")) {
                writer.add(key(host, measure), chunk(DAY_START, SECOND, 10, 0, 1));
            }
        }
        try (SegmentReader reader = writeAndOpen(writer)) {
            assertThat(reader.seriesCount()).isEqualTo(6);
            int index = reader.find(key("host_b", "usage_idle"));
            assertThat(reader.series(index)).isEqualTo(key("host_b", "usage_idle"));
            assertThat(reader.find(key("host_z", "usage_idle"))).isEqualTo(-1);
            assertThat(Arrays.stream(reader.findSeriesWithDimension("hostname", "host_c")).mapToObj(reader::series))
                    .containsExactly(key("host_c", "usage_idle"), key("host_c", "usage_user"));
            assertThat(reader.findSeries(k -> k.measureName().equals("usage_user"))).hasSize(3);
            assertThat(reader.columns(index)).isEqualTo(SegmentTestData.DOUBLE_COLUMN);
        }
    }

    @Test
    void multiMeasureSeriesKeepsItsColumns() throws IOException {
        List<ColumnSpec> columns = List.of(new ColumnSpec("cpu", MeasureType.DOUBLE),
                new ColumnSpec("requests", MeasureType.BIGINT));
        OpenChunk open = new OpenChunk(columns);
        for (int i = 0; i < 50; i++) {
            int row = open.append(DAY_START + i * SECOND, 1);
            open.setDouble(0, row, i / 4.0);
            open.setLong(1, row, 1_000L * i);
        }
        SegmentWriter writer = new SegmentWriter(DAY);
        SeriesKey key = key("host_0", "metrics");
        writer.add(key, open.seal());
        try (SegmentReader reader = writeAndOpen(writer)) {
            assertThat(reader.columns(0)).isEqualTo(columns);
            SealedChunk read = reader.read(reader.blocks(0).get(0));
            long[] requests = new long[read.count()];
            read.decodeLongs(1, requests);
            assertThat(requests[49]).isEqualTo(49_000L);
        }
    }

    @Test
    void multiMeasureSeriesMayGainColumnsFromChunkToChunk() throws IOException {
        ColumnSpec cpu = new ColumnSpec("cpu", MeasureType.DOUBLE);
        ColumnSpec mem = new ColumnSpec("mem", MeasureType.DOUBLE);
        OpenChunk early = new OpenChunk(List.of(cpu));
        early.setDouble(0, early.append(DAY_START, 1), 0.5);
        OpenChunk late = new OpenChunk(List.of(cpu, mem));
        int row = late.append(DAY_START + 3_600 * SECOND, 1);
        late.setDouble(0, row, 0.7);
        late.setDouble(1, row, 42.0);
        SegmentWriter writer = new SegmentWriter(DAY, 1);
        writer.add(key("host_0", "metrics"), early.seal());
        writer.add(key("host_0", "metrics"), late.seal());
        try (SegmentReader reader = writeAndOpen(writer)) {
            assertThat(reader.blocks(0)).extracting(BlockRef::columns).containsExactly(List.of(cpu), List.of(cpu, mem));
            assertThat(reader.columns(0)).containsExactly(cpu, mem);
            assertThat(reader.blocks(0).get(1).stats().column(1))
                    .isEqualTo(new ColumnStats.DoubleStats(1, 42.0, 42.0, 42.0, 42.0, 42.0));
        }
    }

    @Test
    void rejectsChunksOutsideThePartitionOrChangingAColumnType() {
        SegmentWriter writer = new SegmentWriter(DAY);
        SeriesKey key = key("host_0", "usage_user");
        assertThatThrownBy(() -> writer.add(key, chunk(DAY_START - SECOND, SECOND, 2, 0, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot add chunk to segment")
                .hasMessageContaining("partition=2026-11-24");
        assertThatThrownBy(() -> writer.add(key, chunk(DAY_START + MagneticLayout.PARTITION_NANOS - SECOND, SECOND, 2, 0, 1)))
                .isInstanceOf(IllegalArgumentException.class);
        writer.add(key, chunk(DAY_START, SECOND, 2, 0, 1));
        OpenChunk other = new OpenChunk(List.of(new ColumnSpec("value", MeasureType.BIGINT)));
        other.setLong(0, other.append(DAY_START + 10 * SECOND, 1), 7);
        assertThatThrownBy(() -> writer.add(key, other.seal()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("column=value, type=BIGINT, expected=DOUBLE");
        assertThat(writer.seriesCount()).isEqualTo(1);
    }

    @Test
    void removedSegmentsStopBeingServedAndTheirFilesGo() throws IOException {
        try (MagneticStore store = MagneticStore.open(FileIo.DEFAULT, layout(), CLOCK)) {
            for (int d = 0; d < 3; d++) {
                SegmentWriter writer = new SegmentWriter(DAY.plusDays(d));
                writer.add(key("host_0", "usage_user"),
                        chunk(MagneticLayout.partitionStartNanos(DAY.plusDays(d)), SECOND, 10, d, 1));
                store.write(writer);
            }
            List<SegmentReader> expired = store.segments(DAY);
            List<SegmentReader> snapshot = store.segments();
            store.remove(expired);
            assertThat(store.partitions()).containsExactly(DAY.plusDays(1), DAY.plusDays(2));
            assertThat(expired.get(0).file()).doesNotExist();
            assertThat(snapshot.get(0).read(0, Long.MIN_VALUE, Long.MAX_VALUE)).singleElement()
                    .extracting(SealedChunk::count).isEqualTo(10);
            assertThatThrownBy(() -> store.remove(expired))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot remove segment: not served");
        }
        try (MagneticStore reopened = MagneticStore.open(FileIo.DEFAULT, layout(), CLOCK)) {
            assertThat(reopened.partitions()).containsExactly(DAY.plusDays(1), DAY.plusDays(2));
        }
    }

    @Test
    void refusesToOverwriteASegment() throws IOException {
        SegmentWriter writer = new SegmentWriter(DAY);
        writer.add(key("host_0", "usage_user"), chunk(DAY_START, SECOND, 10, 0, 1));
        Path first = writer.write(FileIo.DEFAULT, layout(), 3, 0, new long[0], 0);
        byte[] before = Files.readAllBytes(first);
        writer.add(key("host_1", "usage_user"), chunk(DAY_START, SECOND, 10, 0, 1));
        assertThatThrownBy(() -> writer.write(FileIo.DEFAULT, layout(), 3, 0, new long[0], 0))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("cannot write segment: file exists");
        assertThat(Files.readAllBytes(first)).isEqualTo(before);
        assertThat(layout().tempFile(DAY, 3)).doesNotExist();
    }

    @Test
    void refusesToWriteAnEmptySegment() {
        SegmentWriter writer = new SegmentWriter(DAY);
        assertThatThrownBy(() -> writer.write(FileIo.DEFAULT, layout(), 1, 0, new long[0], 0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot write empty segment");
    }

    private SegmentReader writeAndOpen(SegmentWriter writer) throws IOException {
        Path file = writer.write(FileIo.DEFAULT, layout(), 7, 0, new long[0], CLOCK.millis());
        return SegmentReader.open(FileIo.DEFAULT, file);
    }
}
