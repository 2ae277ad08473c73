package io.tidemark.engine.shard.fragment;

import java.util.Objects;

/**
 * The answer of a shard that cannot run a fragment where it is (no query engine on the node, the
 * fragment cannot be rebuilt there identically): not a failure, the asker falls back to reading
 * the shard's chunks and running the fragment itself.
 *
 * @param reason why, for logs and tests, e.g. {@code "statement has subquery expressions"}
 */
public record FragmentDeclined(String reason) implements FragmentAnswer {

    public FragmentDeclined {
        Objects.requireNonNull(reason, "reason");
    }
}
