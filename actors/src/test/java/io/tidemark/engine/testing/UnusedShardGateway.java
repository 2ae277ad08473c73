package io.tidemark.engine.testing;

import io.tidemark.engine.shard.FrozenChunks;
import io.tidemark.engine.shard.SeriesChunks;
import io.tidemark.engine.shard.ShardGateway;
import io.tidemark.engine.shard.ShardStats;
import io.tidemark.engine.shard.ShardWriteResult;
import io.tidemark.storage.journal.WriteBatch;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * A gateway whose every operation throws: a test's gateway extends it and overrides the operations
 * the code under test may call, so a call it did not expect fails the test.
 */
public abstract class UnusedShardGateway implements ShardGateway {

    @Override
    public CompletionStage<ShardWriteResult> write(WriteBatch batch) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<List<SeriesChunks>> scan(String tableId, int shard, long fromNanos, long toNanos) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<FrozenChunks> freezeForMigration(String tableId, int shard, long cutoffNanos) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<Void> commitMigration(String tableId, int shard, long migrationId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<ShardStats> stats(String tableId, int shard) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<Void> drop(String tableId, int shard) {
        throw new UnsupportedOperationException();
    }
}
