package io.tidemark.engine.shard;

import io.tidemark.engine.shard.fragment.FragmentAnswer;
import io.tidemark.engine.shard.fragment.FragmentDeclined;
import io.tidemark.engine.shard.fragment.HeldAnswerCommand;
import io.tidemark.engine.shard.fragment.ShardFragment;
import io.tidemark.storage.journal.WriteBatch;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * How the rest of the engine reaches the series shards of a table, wherever they run. A shard is
 * addressed by table id and shard number; the entity behind it is started on first use. A stage
 * fails with an {@link io.tidemark.engine.EngineException}: THROTTLING when the shard cannot take
 * more work now, INTERNAL when it failed (the write may or may not be durable).
 */
public interface ShardGateway {

    /** Journals, applies and acknowledges a batch; duplicates of stored records are refused per row. */
    CompletionStage<ShardWriteResult> write(WriteBatch batch);

    /** The memory-store chunks of the shard that may hold points in {@code [fromNanos, toNanos]}. */
    CompletionStage<List<SeriesChunks>> scan(String tableId, int shard, long fromNanos, long toNanos);

    /**
     * Runs a query fragment on the node that hosts the shard, over the shard's memory-store chunks
     * that may hold points in {@code [fromNanos, toNanos]}, and answers with its output, or with
     * {@link FragmentDeclined} when it cannot run there (the caller then {@link #scan}s). A gateway
     * that reaches no shard entities (test doubles) declines every fragment.
     */
    default CompletionStage<FragmentAnswer> runFragment(String tableId, int shard, ShardFragment fragment,
                                                        long fromNanos, long toNanos) {
        return CompletableFuture.completedFuture(new FragmentDeclined("this gateway does not run fragments"));
    }

    /**
     * False only when the gateway knows, without asking the shard, that none of the shard's
     * memory-store series can match {@code values} (column → listed values, as a scan prunes series
     * by them: {@code measure_name} or a dimension name; empty matches every series): the shard runs
     * on this node and has held no such series since it started. True otherwise (by default: this
     * gateway knows nothing without asking). A query may leave the shard's memory store out then;
     * the magnetic store is the caller's to check.
     */
    default boolean mayHold(String tableId, int shard, Map<String, Set<String>> values) {
        return true;
    }

    /**
     * The next part of a fragment's answer that the shard's node sent in parts (its output did not
     * fit one message): part {@code index} of answer {@code answerId}, from {@code holder}, the
     * node's keeper of answer parts named in the part before. A gateway that reaches no other node
     * (test doubles) has none to ask.
     */
    default CompletionStage<FragmentAnswer> nextAnswerPart(String tableId, int shard,
                                                           ActorRef<HeldAnswerCommand> holder, long answerId,
                                                           int index) {
        return CompletableFuture.failedFuture(new IllegalStateException("cannot fetch the next part of a fragment's"
                + " answer: this gateway reaches no other node, table=" + tableId + ", shard=" + shard));
    }

    /**
     * Seals and freezes the shard's points older than {@code cutoffNanos} for migration. Points
     * arriving later go to new chunks, so the frozen set stays exactly what is returned.
     */
    CompletionStage<FrozenChunks> freezeForMigration(String tableId, int shard, long cutoffNanos);

    /**
     * Tells the shard the frozen set is durable in magnetic segments: the shard drops it from memory
     * and releases the journal cycles nothing in memory needs any more.
     */
    CompletionStage<Void> commitMigration(String tableId, int shard, long migrationId);

    /** What the shard holds in memory. */
    CompletionStage<ShardStats> stats(String tableId, int shard);

    /** Stops the shard and deletes its journal and files; the table is being deleted. */
    CompletionStage<Void> drop(String tableId, int shard);
}
