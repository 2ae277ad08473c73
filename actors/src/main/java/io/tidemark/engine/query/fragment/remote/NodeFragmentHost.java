package io.tidemark.engine.query.fragment.remote;

import io.tidemark.engine.EngineException;
import io.tidemark.engine.query.QueryContext;
import io.tidemark.engine.query.expression.EvalContext;
import io.tidemark.engine.query.fragment.ShardFragmentScan;
import io.tidemark.engine.query.function.QueryFunctionException;
import io.tidemark.engine.shard.SeriesChunks;
import io.tidemark.engine.shard.fragment.FragmentAnswer;
import io.tidemark.engine.shard.fragment.FragmentControl;
import io.tidemark.engine.shard.fragment.FragmentDeclined;
import io.tidemark.engine.shard.fragment.FragmentHost;
import io.tidemark.engine.shard.fragment.RunningFragments;
import io.tidemark.engine.shard.fragment.ShardFragment;
import io.tidemark.engine.shard.fragment.TrackedFragment;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.LongAdder;

/**
 * Runs the fragments sent to this node's shards, on the blocking executor (never on the shard's
 * actor thread), with {@link ShardFragmentScan}, the code a querying node runs over chunks it
 * read itself. A fragment from this node runs with the pipeline and query context it carries; one
 * from another node is first rebuilt ({@link FragmentRebuilder}) and runs under a context of its
 * own (the query's id and start, this node's memory limit, the fragment's time limit); its output
 * goes back in one remoting message when it fits, else in parts the querying node fetches one at a
 * time ({@link AnswerHolder}). A local run's failure goes back as it is; a sent one's becomes an
 * {@link EngineException}, the only failure that crosses nodes: a function's error in the user's
 * data becomes VALIDATION (not retried, as on the querying node), anything else INTERNAL.
 *
 * <p>Every fragment comes as a {@link TrackedFragment}: the node's {@link FragmentControl}
 * registers it under its attempt's id and acknowledges it to the querying node before it is
 * queued, and the run stops before its next chunk once the querying node cancels the attempt
 * (the same flag for this node's own queries and for other nodes').
 */
public final class NodeFragmentHost implements FragmentHost {

    /** What this node's host has done, for metrics and tests. */
    public record Counts(long local, long rebuilt, long declined) {
    }

    private final ShardFragmentScan scans;
    private final FragmentControl control;
    private final FragmentRebuilder rebuilder;
    private final Executor blocking;
    private final long memoryLimitBytes;
    private final AnswerHolder answers;
    private final LongAdder local = new LongAdder();
    private final LongAdder rebuilt = new LongAdder();
    private final LongAdder declined = new LongAdder();

    /**
     * @param memoryLimitBytes what a fragment from another node may hold at once (the node's query memory limit)
     * @param answers where an output too large for one message is kept for the querying node
     */
    public NodeFragmentHost(ShardFragmentScan scans, FragmentControl control, FragmentRebuilder rebuilder,
            Executor blocking, long memoryLimitBytes, AnswerHolder answers) {
        this.scans = scans;
        this.control = control;
        this.rebuilder = rebuilder;
        this.blocking = blocking;
        this.memoryLimitBytes = memoryLimitBytes;
        this.answers = answers;
    }

    @Override
    public CompletionStage<FragmentAnswer> run(ShardFragment fragment, String tableId, int shard,
            List<SeriesChunks> memory) {
        if (!(fragment instanceof TrackedFragment tracked) || !(tracked.fragment() instanceof ShippedFragment shipped)) {
            return CompletableFuture.completedFuture(new FragmentDeclined("unknown fragment type: "
                    + (fragment instanceof TrackedFragment t ? t.fragment() : fragment).getClass().getName()));
        }
        RunningFragments.Running running = control.begin(tracked);
        CompletableFuture<FragmentAnswer> answer;
        if (shipped.local() != null) {
            answer = CompletableFuture.supplyAsync(() -> runLocal(shipped, shard, memory, running), blocking);
        } else {
            answer = CompletableFuture.supplyAsync(() -> {
                try {
                    return runSent(shipped, shard, memory, running);
                } catch (EngineException e) {
                    throw e;
                } catch (QueryFunctionException e) {
                    throw EngineException.validation(e.getMessage());
                } catch (RuntimeException e) {
                    throw EngineException.internal("cannot run query fragment: table=" + tableId + ", shard=" + shard
                            + ", queryId=" + shipped.queryId() + ", cause=" + e, e);
                }
            }, blocking);
        }
        // the failure goes back as it is: a CompletionException around it would not cross nodes
        CompletableFuture<FragmentAnswer> finished = new CompletableFuture<>();
        answer.whenComplete((done, failure) -> {
            running.finish();
            if (failure == null) {
                finished.complete(done);
            } else {
                finished.completeExceptionally(failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure);
            }
        });
        return finished;
    }

    private FragmentAnswer runLocal(ShippedFragment shipped, int shard, List<SeriesChunks> memory,
            RunningFragments.Running running) {
        ShippedFragment.Local here = shipped.local();
        local.increment();
        return scans.run(shipped.scope(shard), here.pipeline(), here.context(), memory, running);
    }

    private FragmentAnswer runSent(ShippedFragment shipped, int shard, List<SeriesChunks> memory,
            RunningFragments.Running running) {
        FragmentRebuilder.Rebuilt found = rebuilder.rebuild(shipped);
        if (found.declined() != null) {
            return decline(found.declined());
        }
        QueryContext context = new QueryContext(shipped.queryId(), EvalContext.utc(shipped.queryStartNanos()),
                System.nanoTime() + shipped.timeoutMillis() * 1_000_000L, memoryLimitBytes);
        ShardFragmentScan.Output output = scans.run(shipped.scope(shard), found.pipeline(), context, memory, running);
        rebuilt.increment();
        return answers.answer(output, "table=" + shipped.tableId() + ", shard=" + shard + ", queryId="
                + shipped.queryId());
    }

    private FragmentAnswer decline(String reason) {
        declined.increment();
        return new FragmentDeclined(reason);
    }

    /** This node's keeper of the answers sent in parts. */
    public AnswerHolder answers() {
        return answers;
    }

    public Counts counts() {
        return new Counts(local.sum(), rebuilt.sum(), declined.sum());
    }
}
