package io.tidemark.engine.shard;

import io.tidemark.storage.chunk.SealedChunk;
import io.tidemark.storage.journal.WriteBatch;
import io.tidemark.storage.journal.WriteBatchBuilder;
import io.tidemark.storage.model.Dimension;
import io.tidemark.storage.model.MeasureType;
import io.tidemark.storage.model.SeriesKey;
import java.util.List;
import java.util.TreeMap;

/** Batches and readers for the shard tests: single-measure doubles and multi-measure rows. */
final class TestRows {

    static final String TABLE = "0123456789abcdef";
    static final long T0 = 1_700_000_000_000_000_000L;
    static final long SECOND = 1_000_000_000L;
    static final String VALUE = MeasureType.DOUBLE.valueColumnName();

    private TestRows() {
    }

    static SeriesKey series(String host) {
        return SeriesKey.of(List.of(new Dimension("host", host)), "cpu");
    }

    static SeriesKey multiSeries(String host) {
        return SeriesKey.of(List.of(new Dimension("host", host)), "metrics");
    }

    /** Builds a batch of single-measure double rows: {@code add(host, second, version, value)}. */
    static final class Doubles {
        private final WriteBatchBuilder b;
        private final int column;

        Doubles(int shard) {
            b = WriteBatch.builder(TABLE, shard);
            column = b.column(VALUE, MeasureType.DOUBLE);
        }

        Doubles() {
            this(0);
        }

        Doubles add(String host, long second, long version, double value) {
            b.addRow(b.series(series(host)), T0 + second * SECOND, version);
            b.setDouble(column, value);
            return this;
        }

        WriteBatch build() {
            return b.build();
        }
    }

    /** One row of a multi-measure series {@code metrics} with optional cpu (DOUBLE) and mem (BIGINT). */
    static WriteBatch multi(String host, long second, long version, Double cpu, Long mem) {
        WriteBatchBuilder b = WriteBatch.builder(TABLE, 0);
        int cpuCol = b.column("cpu", MeasureType.DOUBLE);
        int memCol = b.column("mem", MeasureType.BIGINT);
        b.addRow(b.series(multiSeries(host)), T0 + second * SECOND, version);
        if (cpu != null) {
            b.setDouble(cpuCol, cpu);
        }
        if (mem != null) {
            b.setLong(memCol, mem);
        }
        return b.build();
    }

    /** The current double value per second of one series over {@code chunks} (merged: highest version wins). */
    static TreeMap<Long, String> points(List<SeriesChunks> scanned, SeriesKey key) {
        TreeMap<Long, String> out = new TreeMap<>();
        for (SeriesChunks sc : scanned) {
            if (!sc.series().equals(key)) {
                continue;
            }
            SealedChunk merged = SealedChunk.merge(sc.chunks());
            ChunkRows rows = new ChunkRows(merged);
            for (int r = 0; r < rows.count(); r++) {
                StringBuilder value = new StringBuilder("v" + rows.versionAt(r));
                for (int c = 0; c < rows.columnCount(); c++) {
                    if (rows.isPresent(c, r)) {
                        value.append(' ').append(rows.columnName(c)).append('=');
                        switch (rows.columnType(c)) {
                            case DOUBLE:
                                value.append(rows.doubleAt(c, r));
                                break;
                            case BIGINT:
                                value.append(rows.longAt(c, r));
                                break;
                            default:
                                value.append(rows.varcharAt(c, r));
                        }
                    }
                }
                out.put((rows.timeAt(r) - T0) / SECOND, value.toString());
            }
        }
        return out;
    }
}
