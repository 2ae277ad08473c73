package io.tidemark.storage.pekko;

import io.tidemark.storage.serialization.KryoPool;

/**
 * The Kryo registrations of the Pekko persistence plugins. Ids 200–299 belong to this package
 * (100–199 are the shard journal's); they are part of the on-disk formats, pinned by
 * {@code PluginFormatTest}: never renumber or reuse one.
 */
final class PluginKryo {

    static final int STORED_EVENT_BATCH_ID = 200;
    static final int JOURNAL_DELETION_ID = 201;
    static final int STORED_SNAPSHOT_ID = 210;
    static final int SNAPSHOT_DELETION_ID = 211;

    static final KryoPool POOL = KryoPool.builder()
            .register(StoredEventBatch.class, new StoredEventBatch.KryoSerializer(), STORED_EVENT_BATCH_ID)
            .register(JournalDeletion.class, new JournalDeletion.KryoSerializer(), JOURNAL_DELETION_ID)
            .register(StoredSnapshot.class, new StoredSnapshot.KryoSerializer(), STORED_SNAPSHOT_ID)
            .register(SnapshotDeletion.class, new SnapshotDeletion.KryoSerializer(), SNAPSHOT_DELETION_ID)
            .build();

    private PluginKryo() {}
}
