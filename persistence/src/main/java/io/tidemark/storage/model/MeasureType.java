package io.tidemark.storage.model;

/**
 * The type of a measure value, as Timestream names it. The numeric {@link #id()} is written to disk
 * (chunks, journal entries, segments): never renumber or reuse one.
 */
public enum MeasureType {
    DOUBLE(1),
    BIGINT(2),
    VARCHAR(3),
    BOOLEAN(4),
    TIMESTAMP(5),
    /** A multi-measure record: several named values, each of one of the scalar types above. */
    MULTI(6);

    private static final MeasureType[] BY_ID = new MeasureType[7];

    static {
        for (MeasureType t : values()) {
            BY_ID[t.id] = t;
        }
    }

    private final int id;

    MeasureType(int id) {
        this.id = id;
    }

    public int id() {
        return id;
    }

    /** True for the types that hold one value per point (all but MULTI). */
    public boolean isScalar() {
        return this != MULTI;
    }

    /** True when values are stored as 64-bit integers (BIGINT and TIMESTAMP nanoseconds). */
    public boolean isLongValued() {
        return this == BIGINT || this == TIMESTAMP;
    }

    /**
     * The SQL column that holds a single-measure record's value, {@code measure_value::double} and
     * so on; the memory store, journal and segments name a single-measure series' value column so.
     *
     * @throws IllegalStateException for MULTI, whose values are named by the record
     */
    public String valueColumnName() {
        if (this == MULTI) {
            throw new IllegalStateException("a multi-measure record has no single value column");
        }
        return "measure_value::" + name().toLowerCase(java.util.Locale.ROOT);
    }

    public static MeasureType fromId(int id) {
        if (id <= 0 || id >= BY_ID.length || BY_ID[id] == null) {
            throw new IllegalArgumentException("unknown measure type id: " + id);
        }
        return BY_ID[id];
    }

    /** Parses Timestream's spelling (case-sensitive, upper case). */
    public static MeasureType parse(String name) {
        try {
            return valueOf(name);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown measure value type: " + name, e);
        }
    }
}
