package io.tidemark.engine.query.fragment.remote;

import io.tidemark.engine.EngineException;
import io.tidemark.engine.ErrorKind;
import io.tidemark.engine.query.QueryContext;
import io.tidemark.engine.query.fragment.ShardFragmentScan;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.engine.shard.ShardGateway;
import io.tidemark.engine.shard.fragment.FragmentAnswer;
import io.tidemark.engine.shard.fragment.HeldAnswerCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;

/**
 * The querying node's side of an answer in parts ({@link AnswerHolder}): starting from the part
 * the shard answered with, asks the owning node for each next part once the one before has
 * arrived (one in flight: the owner sends no faster than this node takes), counts every part
 * against the query's memory limit while they are gathered, and joins them in order into the
 * shard's output. A cancelled or timed-out query, an abandoned attempt, a part over the memory
 * limit or a failed fetch stops the gathering and tells the owner to drop the rest.
 */
public final class OutputAssembly {

    private final OutputPart first;
    private final ShardGateway shards;
    private final String tableId;
    private final int shard;
    private final QueryContext context;
    private final BooleanSupplier abandoned;
    private final List<Batch> parts;
    private long reserved;

    private OutputAssembly(OutputPart first, ShardGateway shards, String tableId, int shard, QueryContext context,
            BooleanSupplier abandoned) {
        this.first = first;
        this.shards = shards;
        this.tableId = tableId;
        this.shard = shard;
        this.context = context;
        this.abandoned = abandoned;
        this.parts = new ArrayList<>(first.count());
    }

    /**
     * The whole output of the answer {@code first} begins.
     *
     * @param abandoned true once the attempt was given up (its timeout)
     */
    public static CompletableFuture<ShardFragmentScan.Output> collect(OutputPart first, ShardGateway shards,
            String tableId, int shard, QueryContext context, BooleanSupplier abandoned) {
        OutputAssembly assembly = new OutputAssembly(first, shards, tableId, shard, context, abandoned);
        try {
            assembly.take(first);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(assembly.stop(e));
        }
        return assembly.rest();
    }

    private CompletableFuture<ShardFragmentScan.Output> rest() {
        if (parts.size() == first.count()) {
            context.releaseMemory(reserved);
            List<Batch> all = List.copyOf(parts);
            parts.clear();
            return CompletableFuture.completedFuture(new ShardFragmentScan.Output(
                    Batch.concat(all, all.get(0).columns().stream().map(Vector::type).toList()), first.bytesScanned()));
        }
        try {
            context.checkRunning();
            if (abandoned.getAsBoolean()) {
                throw new IllegalStateException("fragment attempt abandoned after its timeout");
            }
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(stop(e));
        }
        return shards.nextAnswerPart(tableId, shard, first.holder(), first.answerId(), parts.size())
                .toCompletableFuture()
                .handle((answer, failure) -> {
                    if (failure != null) {
                        throw stop(failure);
                    }
                    try {
                        take(answer);
                    } catch (RuntimeException e) {
                        throw stop(e);
                    }
                    return this;
                })
                .thenCompose(OutputAssembly::rest);
    }

    private void take(FragmentAnswer answer) {
        if (!(answer instanceof OutputPart part) || part.answerId() != first.answerId()
                || part.index() != parts.size() || part.count() != first.count()) {
            throw new EngineException(ErrorKind.INTERNAL, "cannot join a query fragment's answer: expected part "
                    + parts.size() + " of " + first.count() + " of answer " + first.answerId() + ", got " + answer
                    + ", table=" + tableId + ", shard=" + shard);
        }
        long bytes = BatchWire.estimateBytes(part.batch());
        // counted even when refused, so it is released with the rest
        reserved += bytes;
        parts.add(part.batch());
        context.reserveMemory(bytes);
    }

    /** Gives up: the owner drops what it still holds, the query what it reserved. */
    private RuntimeException stop(Throwable failure) {
        first.holder().tell(new HeldAnswerCommand.Release(first.answerId()));
        context.releaseMemory(reserved);
        reserved = 0;
        parts.clear();
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause instanceof RuntimeException e ? e : new IllegalStateException(cause);
    }
}
