package io.tidemark.engine.query.aggregate;

import com.esotericsoftware.kryo.KryoException;

/**
 * The forms an aggregation's partial state object takes on the wire, each under a frozen 1-byte id
 * (pinned by a test; a changed form takes a new id, an id is never reused). The id travels before
 * every state so that the receiving aggregate refuses a state of another form. Layouts:
 * docs/architecture.md §7 ("Aggregation states on the wire").
 */
public enum StateKind {
    /** {@code arbitrary}/{@code any_value}: the chosen value. */
    ARBITRARY(1),
    /** {@code min_by(x, y)}/{@code max_by(x, y)}: the chosen value and its key. */
    EXTREMUM_BY(2),
    /** {@code min(x, n)}, {@code max(x, n)}, {@code min_by(x, y, n)}, {@code max_by(x, y, n)}: n and the candidates best first. */
    TOP_N(3),
    /** {@code approx_distinct}: the 64-bit hashes of the distinct values. */
    APPROX_DISTINCT(4),
    /** {@code approx_percentile}: the t-digest's compression, the percentiles and its centroids. */
    APPROX_PERCENTILE(5),
    /** {@code array_agg}: the values in arrival order. */
    ARRAY_AGG(6),
    /** {@code histogram}: each value with its count. */
    HISTOGRAM(7),
    /** {@code map_agg} and {@code map_union}: each key with the first value seen for it. */
    FIRST_VALUE_MAP(8),
    /** {@code multimap_agg}: each key with its values. */
    MULTIMAP_AGG(9),
    /** {@code create_time_series}: the points in arrival order. */
    CREATE_TIME_SERIES(10),
    /** {@code f(DISTINCT …)}: the distinct argument tuples in first-seen order. */
    DISTINCT(11);

    private static final StateKind[] BY_ID = new StateKind[12];

    static {
        for (StateKind kind : values()) {
            BY_ID[kind.id] = kind;
        }
    }

    private final int id;

    StateKind(int id) {
        this.id = id;
    }

    public int id() {
        return id;
    }

    /** The kind of a wire id; a {@link KryoException} for an id no kind has. */
    public static StateKind fromId(int id) {
        StateKind kind = id > 0 && id < BY_ID.length ? BY_ID[id] : null;
        if (kind == null) {
            throw new KryoException("cannot read query batch: unknown aggregation state kind, id=" + id);
        }
        return kind;
    }
}
