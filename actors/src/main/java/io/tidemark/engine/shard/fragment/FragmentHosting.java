package io.tidemark.engine.shard.fragment;

import java.util.Optional;

/**
 * Where a node's shards find its {@link FragmentHost}. The shards start before the query engine
 * that hosts fragments, so the host is set once the engine is built; until then (and on a node
 * without a query engine) shards decline fragments.
 */
public final class FragmentHosting {

    private volatile FragmentHost host;

    public void set(FragmentHost host) {
        this.host = host;
    }

    public Optional<FragmentHost> host() {
        return Optional.ofNullable(host);
    }
}
