package io.tidemark.engine.tier;

import io.tidemark.engine.catalog.MagneticStoreWriteProperties;
import io.tidemark.engine.catalog.PartitionKey;
import io.tidemark.engine.catalog.RetentionProperties;
import io.tidemark.engine.catalog.TableDescription;
import io.tidemark.engine.catalog.TableStatus;
import io.tidemark.storage.chunk.ColumnSpec;
import io.tidemark.storage.chunk.OpenChunk;
import io.tidemark.storage.chunk.SealedChunk;
import io.tidemark.storage.model.Dimension;
import io.tidemark.storage.model.MeasureType;
import io.tidemark.storage.model.SeriesKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** Series, chunks and tables for the tier tests; every value is derived from the point's time. */
final class TierTestData {

    static final List<ColumnSpec> DOUBLE_VALUE =
            List.of(new ColumnSpec(MeasureType.DOUBLE.valueColumnName(), MeasureType.DOUBLE));

    private TierTestData() {
    }

    static SeriesKey series(String host) {
        return SeriesKey.of(List.of(new Dimension("host", host)), "cpu");
    }

    static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    static long nanos(String instant) {
        return nanos(Instant.parse(instant));
    }

    /** The value stored at a time: recognisable, so a lost or moved point shows. */
    static double valueAt(long timeNanos) {
        return timeNanos / 1e9;
    }

    /** A chunk with one point every {@code step} from {@code from} (inclusive) to {@code to} (exclusive). */
    static SealedChunk chunk(String from, String to, Duration step) {
        long start = nanos(from);
        long end = nanos(to);
        OpenChunk open = new OpenChunk(DOUBLE_VALUE);
        for (long t = start; t < end; t += step.toNanos()) {
            int row = open.append(t, 1);
            open.setDouble(0, row, valueAt(t));
        }
        return open.seal();
    }

    /** Every point of the chunks, time to value, duplicates merged by {@link SealedChunk#merge}. */
    static TreeMap<Long, Double> points(List<SealedChunk> chunks) {
        TreeMap<Long, Double> out = new TreeMap<>();
        if (chunks.isEmpty()) {
            return out;
        }
        SealedChunk merged = SealedChunk.merge(chunks);
        long[] times = new long[merged.count()];
        double[] values = new double[merged.count()];
        merged.decodeTimes(times);
        merged.decodeDoubles(0, values);
        for (int i = 0; i < times.length; i++) {
            out.put(times[i], values[i]);
        }
        return out;
    }

    /** The points a list of chunks should hold, from their own times. */
    static TreeMap<Long, Double> expected(List<SealedChunk> chunks, long fromNanos, long toNanos) {
        TreeMap<Long, Double> out = new TreeMap<>();
        for (SealedChunk chunk : chunks) {
            long[] times = new long[chunk.count()];
            chunk.decodeTimes(times);
            for (long t : times) {
                if (t >= fromNanos && t <= toNanos) {
                    out.put(t, valueAt(t));
                }
            }
        }
        return out;
    }

    static final List<ColumnSpec> MIXED_COLUMNS = List.of(
            new ColumnSpec("d", MeasureType.DOUBLE),
            new ColumnSpec("b", MeasureType.BIGINT),
            new ColumnSpec("ts", MeasureType.TIMESTAMP),
            new ColumnSpec("flag", MeasureType.BOOLEAN),
            new ColumnSpec("s", MeasureType.VARCHAR));

    /** {@code count} points {@code step} apart from {@code start}, of every type, each column absent on some rows. */
    static SealedChunk mixedChunk(long start, long step, int count) {
        OpenChunk open = new OpenChunk(MIXED_COLUMNS);
        for (int i = 0; i < count; i++) {
            int row = open.append(start + i * step, 1 + i % 3);
            if (i % 5 != 1) {
                open.setDouble(0, row, i * 1.5);
            }
            if (i % 5 != 2) {
                open.setLong(1, row, -i);
            }
            if (i % 5 != 3) {
                open.setLong(2, row, start + i);
            }
            if (i % 5 != 4) {
                open.setBoolean(3, row, i % 2 == 0);
            }
            if (i % 5 != 0) {
                open.setVarchar(4, row, "v" + i % 4);
            }
        }
        return open.seal();
    }

    /** Every row of the chunks, rendered column by column with absent values as "-". */
    static List<String> rows(List<SealedChunk> chunks) {
        List<String> out = new ArrayList<>();
        for (SealedChunk chunk : chunks) {
            int n = chunk.count();
            long[] times = new long[n];
            long[] versions = new long[n];
            double[] d = new double[n];
            long[] b = new long[n];
            long[] ts = new long[n];
            boolean[] flag = new boolean[n];
            String[] s = new String[n];
            boolean[][] has = new boolean[5][n];
            chunk.decodeTimes(times);
            chunk.decodeVersions(versions);
            chunk.decodeDoubles(0, d);
            chunk.decodeLongs(1, b);
            chunk.decodeLongs(2, ts);
            chunk.decodeBooleans(3, flag);
            chunk.decodeVarchars(4, s);
            for (int c = 0; c < 5; c++) {
                chunk.decodePresence(c, has[c]);
            }
            for (int i = 0; i < n; i++) {
                out.add(times[i] + "/" + versions[i] + " " + (has[0][i] ? d[i] : "-") + " " + (has[1][i] ? b[i] : "-")
                        + " " + (has[2][i] ? ts[i] : "-") + " " + (has[3][i] ? flag[i] : "-") + " "
                        + (has[4][i] ? s[i] : "-"));
            }
        }
        return out;
    }

    static TableDescription table(String tableId, long memoryHours, long magneticDays, int shards) {
        Instant created = Instant.parse("2026-01-01T00:00:00Z");
        return new TableDescription("db", "t-" + tableId, tableId, "arn:aws:timestream:us-east-1:000000000000:database/db/table/t-"
                + tableId, TableStatus.ACTIVE, new RetentionProperties(memoryHours, magneticDays),
                MagneticStoreWriteProperties.DISABLED, List.of(PartitionKey.DEFAULT), shards, 0, created, created);
    }
}
