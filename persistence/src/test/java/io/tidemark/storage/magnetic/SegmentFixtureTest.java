package io.tidemark.storage.magnetic;

import static io.tidemark.storage.magnetic.SegmentFixture.CPU;
import static io.tidemark.storage.magnetic.SegmentFixture.METRICS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.tidemark.storage.chunk.ColumnStats;
import io.tidemark.storage.chunk.SealedChunk;
import io.tidemark.storage.fileio.FileIo;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads the checked-in format-v1 segment and checks the writer still produces it byte for byte. */
class SegmentFixtureTest {

    @TempDir
    Path data;

    private static Path fixture() throws URISyntaxException {
        return Path.of(SegmentFixtureTest.class.getResource("/fixtures/segment-v1/0000000000000001.tmk").toURI());
    }

    @Test
    void readsTheVersion1Fixture() throws Exception {
        try (SegmentReader reader = SegmentReader.open(FileIo.DEFAULT, fixture())) {
            assertThat(reader.header()).isEqualTo(new SegmentHeader(SegmentFixture.TABLE, SegmentFixture.SEGMENT_ID, 0,
                    SegmentFixture.START, MagneticLayout.partitionEndNanos(SegmentFixture.DAY),
                    SegmentFixture.CREATED_MILLIS));
            assertThat(reader.replaces()).isEmpty();
            assertThat(reader.seriesKeys()).containsExactly(CPU, METRICS);
            assertThat(reader.sizeBytes()).isEqualTo(609);

            BlockRef cpuBlock = reader.blocks(0).get(0);
            assertThat(reader.blocks(0)).hasSize(1);
            assertThat(cpuBlock.columns()).isEqualTo(SegmentFixture.CPU_COLUMNS);
            assertThat(cpuBlock.stats().column(0)).isEqualTo(new ColumnStats.DoubleStats(3, -0.0, 2.5, 4.0, 1.5, -0.0));
            SealedChunk cpu = reader.read(cpuBlock);
            long[] times = new long[3];
            double[] values = new double[3];
            cpu.decodeTimes(times);
            cpu.decodeDoubles(0, values);
            assertThat(times).containsExactly(SegmentFixture.CPU_TIMES);
            assertThat(Double.doubleToRawLongBits(values[2])).isEqualTo(Double.doubleToRawLongBits(-0.0));
            assertThat(values).containsExactly(SegmentFixture.CPU_VALUES);

            BlockRef metricsBlock = reader.blocks(1).get(0);
            assertThat(metricsBlock.columns()).isEqualTo(SegmentFixture.METRICS_COLUMNS);
            assertThat(metricsBlock.stats().column(1))
                    .isEqualTo(new ColumnStats.LongStats(2, 1_000, 2_500, 3_500, false, 1_000, 2_500));
            SealedChunk metrics = reader.read(metricsBlock);
            long[] versions = new long[2];
            long[] requests = new long[2];
            double[] cpuColumn = new double[2];
            metrics.decodeVersions(versions);
            metrics.decodeLongs(1, requests);
            metrics.decodeDoubles(0, cpuColumn);
            assertThat(versions).containsExactly(2, 2);
            assertThat(requests).containsExactly(SegmentFixture.METRICS_REQUESTS);
            assertThat(cpuColumn).containsExactly(SegmentFixture.METRICS_CPU);
        }
    }

    @Test
    void writerReproducesTheFixtureBytes() throws Exception {
        SegmentWriter writer = new SegmentWriter(SegmentFixture.DAY);
        try (SegmentReader reader = SegmentReader.open(FileIo.DEFAULT, fixture())) {
            for (int s = 0; s < reader.seriesCount(); s++) {
                for (BlockRef block : reader.blocks(s)) {
                    writer.add(reader.series(s), reader.read(block));
                }
            }
        }
        Path written = writer.write(FileIo.DEFAULT, new MagneticLayout(data, SegmentFixture.TABLE),
                SegmentFixture.SEGMENT_ID, 0, new long[0], SegmentFixture.CREATED_MILLIS);
        assertThat(Files.readAllBytes(written)).isEqualTo(Files.readAllBytes(fixture()));
    }

    /** Keeps {@link SegmentFixture#writer()}, which wrote the fixture, in step with the file. */
    @Test
    void fixtureContentIsWhatTheFixtureClassDescribes() throws IOException, URISyntaxException {
        SegmentWriter writer = SegmentFixture.writer();
        Path written = writer.write(FileIo.DEFAULT, new MagneticLayout(data, SegmentFixture.TABLE),
                SegmentFixture.SEGMENT_ID, 0, new long[0], SegmentFixture.CREATED_MILLIS);
        try (SegmentReader fresh = SegmentReader.open(FileIo.DEFAULT, written);
                SegmentReader fixture = SegmentReader.open(FileIo.DEFAULT, fixture())) {
            assertThat(fresh.seriesKeys()).isEqualTo(fixture.seriesKeys());
            for (int s = 0; s < fresh.seriesCount(); s++) {
                assertThat(fresh.blocks(s)).extracting(BlockRef::count, BlockRef::minTime, BlockRef::maxTime,
                        BlockRef::columns, BlockRef::stats)
                        .isEqualTo(fixture.blocks(s).stream().map(b -> tuple(b.count(),
                                b.minTime(), b.maxTime(), b.columns(), b.stats())).toList());
            }
        }
    }
}
