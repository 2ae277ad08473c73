package io.tidemark.storage.journal;

import io.tidemark.storage.model.Dimension;
import io.tidemark.storage.model.MeasureType;
import io.tidemark.storage.model.SeriesKey;
import io.tidemark.storage.serialization.KryoPool;
import java.util.List;

/**
 * Deterministic batches for journal tests: {@link #batch(int)} always builds the same batch for
 * the same sequence number, so a test (or a separate process) can say which batch an index holds
 * and check it came back intact. Every column type appears, and some rows leave values absent.
 */
final class TestBatches {

    static final String TABLE = "table-7";
    static final int SHARD = 3;
    private static final long BASE_NANOS = 1_700_000_000_000_000_000L;

    private TestBatches() {}

    static KryoPool kryo() {
        return WriteBatchSerializer.register(KryoPool.builder()).build();
    }

    static WriteBatch batch(int seq) {
        return batch(seq, 1 + seq % 70);
    }

    /** A batch of {@code rows} rows over a few series, with values derived from {@code seq}. */
    static WriteBatch batch(int seq, int rows) {
        WriteBatchBuilder b = WriteBatch.builder(TABLE, SHARD);
        int cpu = b.series(SeriesKey.of(List.of(new Dimension("host", "h" + seq % 5), new Dimension("region", "eu")), "cpu"));
        int mem = b.series(SeriesKey.of(List.of(new Dimension("host", "h" + seq % 3)), "mem"));
        int usage = b.column("usage", MeasureType.DOUBLE);
        int count = b.column("count", MeasureType.BIGINT);
        int label = b.column("label", MeasureType.VARCHAR);
        int up = b.column("up", MeasureType.BOOLEAN);
        int seen = b.column("seen", MeasureType.TIMESTAMP);
        for (int r = 0; r < rows; r++) {
            long t = BASE_NANOS + seq * 1_000_000_000L + r;
            b.addRow(r % 3 == 0 ? mem : cpu, t, 1 + r % 2);
            b.setDouble(usage, seq + r / 8.0);
            if (r % 4 != 1) {
                b.setLong(count, (long) seq * r - 5);
            }
            if (r % 5 != 2) {
                b.setString(label, "v" + seq + "-" + r);
            }
            if (r % 6 != 3) {
                b.setBoolean(up, (seq + r) % 2 == 0);
            }
            if (r % 7 != 4) {
                b.setLong(seen, t - 17);
            }
        }
        return b.build();
    }
}
