package io.tidemark.engine.shard.fragment;

import java.util.Objects;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The node running a {@link TrackedFragment} has received it and registered it: sent to the
 * querying node's {@link FragmentControl} before the run, so the querying node tells a message
 * lost on the way (no receipt within the first-read timeout) from a fragment that is merely slow.
 *
 * @param host the running node's fragment control, where a {@link CancelFragment} for it goes
 */
public record FragmentStarted(FragmentId id, ActorRef<FragmentControl.Command> host)
        implements FragmentControl.Command, FragmentControl.Remote {

    public FragmentStarted {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(host, "host");
    }
}
