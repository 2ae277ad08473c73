package io.tidemark.engine.query.vector;

/** One key of an ordering: a channel of the batch, the direction, and where nulls go. */
public record SortKey(int channel, boolean ascending, boolean nullsFirst) {

    /** Trino's default: ascending, nulls last (Trino puts nulls last in both directions unless told otherwise). */
    public static SortKey ascending(int channel) {
        return new SortKey(channel, true, false);
    }
}
