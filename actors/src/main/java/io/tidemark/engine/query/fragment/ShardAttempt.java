package io.tidemark.engine.query.fragment;

import io.tidemark.engine.shard.fragment.FragmentControl;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One attempt of a {@link ShardFragmentRunner} shard task, which can be told to stop wherever it
 * runs: on this node over chunks it read (the flag its scan checks), or on the node a shipped
 * attempt went to (a cancel through the node's {@link FragmentControl}).
 */
final class ShardAttempt {

    /** Stops a run of the fragment on this node over chunks it read. */
    final AtomicBoolean abandoned = new AtomicBoolean();
    /** The shipped attempt, or null when this node reads the shard's chunks. */
    final FragmentControl.Attempt tracked;

    ShardAttempt(FragmentControl.Attempt tracked) {
        this.tracked = tracked;
    }

    void stop(String reason) {
        abandoned.set(true);
        if (tracked != null) {
            tracked.cancel(reason);
        }
    }
}
