package io.tidemark.engine.shard.fragment;

import java.util.Objects;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * A fragment sent to a shard under the attempt's id: the node that runs it registers it under
 * {@code id} (so a {@link CancelFragment} stops it) and tells the querying node's
 * {@link FragmentControl} at once that it started ({@link FragmentStarted}), before the run.
 *
 * @param control the querying node's fragment control, where {@link FragmentStarted} goes
 */
public record TrackedFragment(FragmentId id, ActorRef<FragmentControl.Command> control, ShardFragment fragment)
        implements ShardFragment {

    public TrackedFragment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(control, "control");
        Objects.requireNonNull(fragment, "fragment");
    }
}
