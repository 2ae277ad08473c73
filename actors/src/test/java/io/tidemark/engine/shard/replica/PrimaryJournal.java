package io.tidemark.engine.shard.replica;

import io.tidemark.storage.journal.JournalEntry;
import io.tidemark.storage.journal.JournalOptions;
import io.tidemark.storage.journal.ShardJournal;
import io.tidemark.storage.journal.WriteBatch;
import io.tidemark.storage.journal.WriteBatchBuilder;
import io.tidemark.storage.journal.WriteBatchSerializer;
import io.tidemark.storage.model.Dimension;
import io.tidemark.storage.model.MeasureType;
import io.tidemark.storage.model.SeriesKey;
import io.tidemark.storage.serialization.KryoPool;
import java.nio.file.Path;
import java.util.List;

/**
 * A shard's own journal in the replica tests: it writes the entries a primary would ship to its
 * copies, one single-point batch of series {@code cpu{host=h}} each, the i-th at time
 * {@code 1000 * (i + 1)} with value {@code i}.
 */
final class PrimaryJournal implements AutoCloseable {

    private final String table;
    private final ShardJournal journal;

    PrimaryJournal(Path dir, String table) {
        this.table = table;
        this.journal = ShardJournal.open(dir, JournalOptions.defaults(),
                WriteBatchSerializer.register(KryoPool.builder()).build());
        journal.keepAppended();
    }

    /** Appends {@code batches} batches to shard 0 and returns the entries appended since the last call. */
    List<JournalEntry> append(int batches) {
        for (int i = 0; i < batches; i++) {
            WriteBatchBuilder b = WriteBatch.builder(table, 0);
            int value = b.column(MeasureType.DOUBLE.valueColumnName(), MeasureType.DOUBLE);
            b.addRow(b.series(SeriesKey.of(List.of(new Dimension("host", "h")), "cpu")), 1_000L * (i + 1), 1);
            b.setDouble(value, i);
            journal.append(b.build());
        }
        return journal.takeAppended();
    }

    @Override
    public void close() {
        journal.close();
    }
}
