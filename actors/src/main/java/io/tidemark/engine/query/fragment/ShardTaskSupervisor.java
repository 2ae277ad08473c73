package io.tidemark.engine.query.fragment;

import io.tidemark.engine.EngineException;
import io.tidemark.engine.ErrorKind;
import io.tidemark.engine.query.fragment.remote.OutputAssembly;
import io.tidemark.engine.query.fragment.remote.OutputPart;
import io.tidemark.engine.query.function.QueryFunctionException;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.shard.FirstReadTimeout;
import io.tidemark.engine.shard.SeriesChunks;
import io.tidemark.engine.shard.ShardGateway;
import io.tidemark.engine.shard.fragment.FragmentAnswer;
import io.tidemark.engine.shard.fragment.FragmentControl;
import io.tidemark.engine.shard.fragment.FragmentId;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the shard tasks of a {@link ShardFragmentRunner}: each task's attempts, every one sent to
 * wherever the shard lives at that moment, and their retries.
 *
 * <p>An attempt is a shipped fragment (the shard's node runs it, {@link ShardGateway#runFragment})
 * or, when the fragment cannot be shipped or the shard declines it, a read of the shard's
 * memory-store chunks that this node runs the fragment over ({@link ShardGateway#scan}). A shipped
 * attempt is followed through the node's {@link FragmentControl}: the node running it
 * acknowledges it on receipt, and an attempt whose node becomes unreachable or leaves (before its
 * receipt: any node, as it may have been sent there) fails at once.
 *
 * <p>A task whose attempt fails with anything but the user's error (an {@link EngineException}
 * other than INTERNAL or THROTTLING, a {@link QueryFunctionException}, or the query being
 * cancelled or out of time) is run again, up to {@value #MAX_ATTEMPTS} attempts in all, with a
 * fresh sink; the last failure fails the query with an INTERNAL error naming the table, the shard
 * and the cause. Before each retry the task waits until this node sees no unreachable member (a
 * lost node is downed and removed, and Cluster Sharding then starts its shards on the survivors;
 * at most the fragment timeout), then {@link #RETRY_BACKOFF}.
 *
 * <p>Every attempt but the last waits only the {@link FirstReadTimeout} for the shard's receipt
 * (for a chunk read: its answer): right after a node loss a message can go where the shard no
 * longer is and never be answered — Cluster Sharding drops what it buffered for a shard being
 * handed off, and a coordinator that has not yet seen the node's removal still names the lost
 * node's region as the shard's home, so a retry sent by a node that saw the removal first goes to
 * a dead region. Sent again, the message is routed afresh (the region has by then forgotten the
 * dead location and asks the coordinator again). The last attempt waits for the receipt as long
 * as the fragment timeout and the ask timeout allow, so a shard whose new owner catches up slowly
 * still answers. Every attempt's run is bounded by the fragment timeout; an attempt that fails or
 * times out is told to stop where it runs.
 */
final class ShardTaskSupervisor {

    private static final Logger LOG = LoggerFactory.getLogger(ShardTaskSupervisor.class);

    /**
     * The wait before a shard task runs again: when its shard's node died, the entity is started on
     * a surviving node only once the node is downed, and a retry at once would find it still gone.
     */
    static final Duration RETRY_BACKOFF = Duration.ofMillis(250);

    /** Attempts of one shard task: the first, a retry that may still be routed to the lost node, and one more. */
    static final int MAX_ATTEMPTS = 3;

    private final ShardGateway shards;
    private final ShardFragmentScan scans;
    private final Executor blocking;
    private final Duration fragmentTimeout;
    private final FirstReadTimeout firstRead;
    private final FragmentControl control;
    final LongAdder shipped = new LongAdder();
    final LongAdder scanned = new LongAdder();
    final LongAdder retried = new LongAdder();
    final LongAdder nodeLosses = new LongAdder();
    final LongAdder firstReadTimeouts = new LongAdder();
    final LongAdder retryReceiptTimeouts = new LongAdder();

    ShardTaskSupervisor(ShardGateway shards, ShardFragmentScan scans, Executor blocking, Duration fragmentTimeout,
            FirstReadTimeout firstRead, FragmentControl control) {
        this.shards = shards;
        this.scans = scans;
        this.blocking = blocking;
        this.fragmentTimeout = fragmentTimeout;
        this.firstRead = firstRead;
        this.control = control;
    }

    /** The shard's output for {@code scan}, run again while it fails for a reason other than the user's. */
    CompletableFuture<Batch> run(FragmentScan scan, int shard) {
        return attempts(scan, shard, 1);
    }

    private CompletableFuture<Batch> attempts(FragmentScan scan, int shard, int number) {
        return attempt(scan, shard, number).exceptionallyCompose(failure -> {
            Throwable cause = unwrap(failure);
            if (!retryable(cause, scan)) {
                return CompletableFuture.failedFuture(cause);
            }
            if (number == MAX_ATTEMPTS) {
                return CompletableFuture.failedFuture(EngineException.internal("cannot run query fragment: table="
                        + scan.tableName() + ", shard=" + shard + ", failed " + MAX_ATTEMPTS + " times, last cause: "
                        + describe(cause), cause));
            }
            retried.increment();
            LOG.debug("query fragment attempt failed, running it again: queryId={}, table={}, shard={}, attempt={},"
                    + " cause={}", scan.context.queryId(), scan.tableName(), shard, number, describe(cause));
            return settled(scan).thenCompose(ignored -> attempts(scan, shard, number + 1));
        });
    }

    /**
     * Completes once this node sees no unreachable member (a lost node's shards move once it is
     * downed and removed: a retry sent while it is only unreachable would go to it again) and the
     * backoff has passed, or at once when the fragment is stopped.
     */
    private CompletableFuture<Void> settled(FragmentScan scan) {
        CompletableFuture<Void> settled = control.settled()
                .completeOnTimeout(null, fragmentTimeout.toMillis(), TimeUnit.MILLISECONDS);
        Executor later = CompletableFuture.delayedExecutor(RETRY_BACKOFF.toMillis(), TimeUnit.MILLISECONDS, blocking);
        return CompletableFuture.anyOf(settled, scan.stopped).thenCompose(ignored -> CompletableFuture.runAsync(() -> {
        }, later));
    }

    private CompletableFuture<Batch> attempt(FragmentScan scan, int shard, int number) {
        FragmentControl.Attempt tracked = scan.shippable ? control.open(new FragmentId(
                scan.context.queryId(), control.nextSerial(), scan.table.tableId(), shard, number)) : null;
        ShardAttempt running = scan.begin(tracked);
        CompletableFuture<ShardFragmentScan.Output> answer;
        if (running.abandoned.get()) {
            answer = CompletableFuture.failedFuture(new CancellationException("cannot run query fragment: stopped, "
                    + scan.stopped.getNow(null)));
        } else if (tracked != null) {
            CompletableFuture<FragmentAnswer> reply = shards.runFragment(scan.table.tableId(), shard,
                    tracked.track(scan.fragment()), scan.from, scan.request.toNanos()).toCompletableFuture();
            answer = followed(reply, tracked, scan, shard, number)
                    .thenCompose(answered -> answered instanceof ShardFragmentScan.Output output ? counted(shipped, output)
                            : answered instanceof OutputPart part ? OutputAssembly.collect(part, shards,
                                    scan.table.tableId(), shard, scan.context, running.abandoned::get)
                                    .thenCompose(output -> counted(shipped, output))
                            : scanned(scan, shard, number, running.abandoned));
        } else {
            answer = scanned(scan, shard, number, running.abandoned);
        }
        return answer.orTimeout(fragmentTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((output, failure) -> {
                    if (failure != null) {
                        running.stop("the attempt failed where it was asked for: " + describe(unwrap(failure)));
                    }
                    scan.end(running);
                })
                .thenApply(output -> {
                    scan.context.addBytesScanned(output.bytesScanned());
                    return output.batch();
                });
    }

    /**
     * The shipped attempt's answer, failed early when its node is lost or, on every attempt but
     * the last, when the node has not acknowledged it (nor answered) within the first-read timeout.
     */
    private CompletableFuture<FragmentAnswer> followed(CompletableFuture<FragmentAnswer> reply,
            FragmentControl.Attempt tracked, FragmentScan scan, int shard, int number) {
        CompletableFuture<FragmentAnswer> answer = new CompletableFuture<>();
        reply.whenComplete((done, failure) -> {
            if (failure == null) {
                answer.complete(done);
            } else {
                answer.completeExceptionally(failure);
            }
        });
        tracked.lost().whenComplete((never, lost) -> {
            if (lost != null && answer.completeExceptionally(lost)) {
                nodeLosses.increment();
            }
        });
        if (number < MAX_ATTEMPTS) {
            CompletableFuture.anyOf(tracked.received(), reply)
                    .orTimeout(firstRead.timeout().toMillis(), TimeUnit.MILLISECONDS)
                    .whenComplete((received, failure) -> {
                        if (failure != null && !reply.isDone() && !tracked.received().isDone()
                                && answer.completeExceptionally(unanswered("acknowledge", scan, shard, number))) {
                            (number == 1 ? firstReadTimeouts : retryReceiptTimeouts).increment();
                        }
                    });
        }
        return answer;
    }

    /** Reads the shard's memory-store chunks and runs the fragment over them here. */
    private CompletableFuture<ShardFragmentScan.Output> scanned(FragmentScan scan, int shard, int number,
            AtomicBoolean abandoned) {
        CompletableFuture<List<SeriesChunks>> read = shards.scan(scan.table.tableId(), shard, scan.from,
                scan.request.toNanos()).toCompletableFuture();
        if (number < MAX_ATTEMPTS) {
            read = read.copy().orTimeout(firstRead.timeout().toMillis(), TimeUnit.MILLISECONDS)
                    .exceptionallyCompose(failure -> CompletableFuture.failedFuture(
                            unwrap(failure) instanceof TimeoutException ? unanswered("answer", scan, shard, number)
                                    : unwrap(failure)));
        }
        return read.thenApplyAsync(memory -> scans.run(scan.scope(shard), scan.pipeline, scan.context, memory,
                        abandoned::get), blocking)
                .thenCompose(output -> counted(scanned, output));
    }

    /** Why an attempt the shard did not acknowledge or answer in time is sent again: INTERNAL, so it is retried. */
    private EngineException unanswered(String what, FragmentScan scan, int shard, int number) {
        return new EngineException(ErrorKind.INTERNAL, "cannot run query fragment: shard did not " + what
                + " attempt " + number + " within the first-read timeout (it may be moving to another node, or the"
                + " attempt went where it no longer is), table=" + scan.tableName() + ", shard=" + shard + ", firstReadTimeout="
                + firstRead.timeout());
    }

    private static CompletableFuture<ShardFragmentScan.Output> counted(LongAdder counter,
            ShardFragmentScan.Output output) {
        counter.increment();
        return CompletableFuture.completedFuture(output);
    }

    /** False for the user's errors, and once the query itself is cancelled or out of time, or the fragment failed. */
    private static boolean retryable(Throwable cause, FragmentScan scan) {
        if (scan.context.isCancelled() || scan.stopped.isDone() || cause instanceof QueryFunctionException) {
            return false;
        }
        if (cause instanceof EngineException e) {
            return e.kind() == ErrorKind.INTERNAL || e.kind() == ErrorKind.THROTTLING;
        }
        return true;
    }

    static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private String describe(Throwable cause) {
        if (cause instanceof TimeoutException) {
            return "timed out after " + fragmentTimeout.toMillis() + " ms";
        }
        return cause.getMessage() == null ? cause.getClass().getName() : cause.getMessage();
    }
}
