package io.tidemark.storage.magnetic;

import io.tidemark.storage.chunk.ColumnSpec;
import io.tidemark.storage.chunk.OpenChunk;
import io.tidemark.storage.chunk.SealedChunk;
import io.tidemark.storage.model.Dimension;
import io.tidemark.storage.model.MeasureType;
import io.tidemark.storage.model.SeriesKey;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Series keys, chunks and point maps shared by the magnetic segment tests. */
final class SegmentTestData {

    static final LocalDate DAY = LocalDate.of(2026, 11, 24);
    static final long DAY_START = MagneticLayout.partitionStartNanos(DAY);
    static final long SECOND = 1_000_000_000L;
    static final List<ColumnSpec> DOUBLE_COLUMN = List.of(new ColumnSpec("value", MeasureType.DOUBLE));

    private SegmentTestData() {
    }

    static SeriesKey key(String host, String measure) {
        return SeriesKey.of(List.of(new Dimension("hostname", host), new Dimension("region", "eu-west-1")), measure);
    }

    /** {@code count} points every {@code step} nanoseconds from {@code start}; value = seed + index. */
    static SealedChunk chunk(long start, long step, int count, double seed, long version) {
        OpenChunk chunk = new OpenChunk(DOUBLE_COLUMN);
        for (int i = 0; i < count; i++) {
            int row = chunk.append(start + i * step, version);
            chunk.setDouble(0, row, seed + i);
        }
        return chunk.seal();
    }

    /** A point as the tests compare it: value and version. */
    record Point(double value, long version) {
    }

    /** The points of chunks by time, merged the way the store must: higher version, then later chunk, wins. */
    static Map<Long, Point> points(List<SealedChunk> chunks) {
        Map<Long, Point> out = new TreeMap<>();
        for (SealedChunk chunk : chunks) {
            long[] times = new long[chunk.count()];
            long[] versions = new long[chunk.count()];
            double[] values = new double[chunk.count()];
            chunk.decodeTimes(times);
            chunk.decodeVersions(versions);
            chunk.decodeDoubles(0, values);
            for (int i = 0; i < times.length; i++) {
                Point old = out.get(times[i]);
                if (old == null || versions[i] >= old.version()) {
                    out.put(times[i], new Point(values[i], versions[i]));
                }
            }
        }
        return out;
    }
}
