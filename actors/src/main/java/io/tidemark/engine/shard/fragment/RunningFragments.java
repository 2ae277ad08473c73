package io.tidemark.engine.shard.fragment;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;

/**
 * The fragment attempts running on this node, by id, each with the flag its scan checks before
 * every chunk: what a {@link CancelFragment} from the querying node (or this node, for its own
 * shards) sets. Thread-safe.
 */
public final class RunningFragments {

    private final Map<FragmentId, Running> running = new ConcurrentHashMap<>();
    private final LongAdder cancelled = new LongAdder();

    /** One running attempt; {@link #finish()} once its run ended, however it ended. */
    public final class Running implements BooleanSupplier {

        private final FragmentId id;
        private volatile String stopReason;

        private Running(FragmentId id) {
            this.id = id;
        }

        public FragmentId id() {
            return id;
        }

        /** True once the attempt was cancelled: its scan stops before its next chunk. */
        @Override
        public boolean getAsBoolean() {
            return stopReason != null;
        }

        /** Why it was cancelled, or null. */
        public String stopReason() {
            return stopReason;
        }

        public void finish() {
            running.remove(id, this);
        }
    }

    Running begin(FragmentId id) {
        Running run = new Running(id);
        running.put(id, run);
        return run;
    }

    /** Stops the attempt at its next chunk; a no-op when it is unknown or finished (or already stopped). */
    void cancel(FragmentId id, String reason) {
        Running run = running.get(id);
        if (run != null && run.stopReason == null) {
            run.stopReason = reason;
            cancelled.increment();
        }
    }

    /** Attempts running now. */
    int running() {
        return running.size();
    }

    /** Cancels that reached a running attempt, since the node started. */
    long cancelled() {
        return cancelled.sum();
    }
}
