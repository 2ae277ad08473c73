package io.tidemark.storage.magnetic;

import io.tidemark.storage.chunk.ColumnSpec;
import io.tidemark.storage.chunk.OpenChunk;
import io.tidemark.storage.model.Dimension;
import io.tidemark.storage.model.MeasureType;
import io.tidemark.storage.model.SeriesKey;
import java.time.LocalDate;
import java.util.List;

/** The content of the {@code fixtures/segment-v1} segment, shared by the fixture test and its README. */
final class SegmentFixture {

    static final String TABLE = "fixture";
    static final LocalDate DAY = LocalDate.of(2026, 11, 24);
    static final long SEGMENT_ID = 1;
    static final long CREATED_MILLIS = 1_795_608_000_000L;
    static final long START = MagneticLayout.partitionStartNanos(DAY);
    static final long SECOND = 1_000_000_000L;

    static final SeriesKey CPU = SeriesKey.of(
            List.of(new Dimension("region", "eu-west-1"), new Dimension("hostname", "host_a")), "cpu_usage");
    static final SeriesKey METRICS = SeriesKey.of(List.of(new Dimension("hostname", "host_b")), "metrics");
    static final List<ColumnSpec> CPU_COLUMNS = List.of(new ColumnSpec("cpu_usage", MeasureType.DOUBLE));
    static final List<ColumnSpec> METRICS_COLUMNS =
            List.of(new ColumnSpec("cpu", MeasureType.DOUBLE), new ColumnSpec("requests", MeasureType.BIGINT));

    static final long[] CPU_TIMES = {START, START + 10 * SECOND, START + 20 * SECOND};
    static final double[] CPU_VALUES = {1.5, 2.5, -0.0};
    static final long[] METRICS_TIMES = {START + 3_600 * SECOND, START + 7_200 * SECOND};
    static final double[] METRICS_CPU = {0.25, 0.75};
    static final long[] METRICS_REQUESTS = {1_000, 2_500};

    private SegmentFixture() {
    }

    static SegmentWriter writer() {
        OpenChunk cpu = new OpenChunk(CPU_COLUMNS);
        for (int i = 0; i < CPU_TIMES.length; i++) {
            cpu.setDouble(0, cpu.append(CPU_TIMES[i], 1), CPU_VALUES[i]);
        }
        OpenChunk metrics = new OpenChunk(METRICS_COLUMNS);
        for (int i = 0; i < METRICS_TIMES.length; i++) {
            int row = metrics.append(METRICS_TIMES[i], 2);
            metrics.setDouble(0, row, METRICS_CPU[i]);
            metrics.setLong(1, row, METRICS_REQUESTS[i]);
        }
        SegmentWriter writer = new SegmentWriter(DAY);
        writer.add(CPU, cpu.seal());
        writer.add(METRICS, metrics.seal());
        return writer;
    }
}
