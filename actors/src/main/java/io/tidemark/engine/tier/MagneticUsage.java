package io.tidemark.engine.tier;

/**
 * What a table's magnetic store holds on this node.
 *
 * @param bytes size of its segment files
 * @param points points in its segments, duplicates not yet merged by compaction included
 */
public record MagneticUsage(long bytes, long points) {

    public static final MagneticUsage NONE = new MagneticUsage(0, 0);
}
