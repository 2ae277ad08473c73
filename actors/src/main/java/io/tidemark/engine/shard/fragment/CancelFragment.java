package io.tidemark.engine.shard.fragment;

import java.util.Objects;

/**
 * Stops the fragment attempt {@code id} on the node it runs on: its scan stops before its next
 * chunk and drops what it held. Sent by the querying node when the query is cancelled, fails or
 * times out, or gives up on the attempt; a no-op for an attempt that is unknown or finished.
 *
 * @param reason why, for the node's log
 */
public record CancelFragment(FragmentId id, String reason) implements FragmentControl.Command, FragmentControl.Remote {

    public CancelFragment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(reason, "reason");
    }
}
