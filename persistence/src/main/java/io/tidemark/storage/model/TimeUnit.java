package io.tidemark.storage.model;

/**
 * The unit of a record's {@code Time} as Timestream accepts it. Tidemark keeps every time as
 * nanoseconds since the Unix epoch in a signed 64-bit long (years 1677 to 2262), so a time in any
 * unit converts exactly or is rejected as out of range — it is never rounded.
 */
public enum TimeUnit {
    MILLISECONDS(1_000_000L),
    SECONDS(1_000_000_000L),
    MICROSECONDS(1_000L),
    NANOSECONDS(1L);

    private final long nanosPerUnit;

    TimeUnit(long nanosPerUnit) {
        this.nanosPerUnit = nanosPerUnit;
    }

    public long nanosPerUnit() {
        return nanosPerUnit;
    }

    /**
     * Converts a time in this unit to epoch nanoseconds.
     *
     * @throws ArithmeticException if the result does not fit in a signed 64-bit nanosecond count
     */
    public long toNanos(long time) {
        return Math.multiplyExact(time, nanosPerUnit);
    }

    /** Converts epoch nanoseconds to this unit, rounding towards negative infinity. */
    public long fromNanos(long nanos) {
        return Math.floorDiv(nanos, nanosPerUnit);
    }

    /** Parses Timestream's spelling; Timestream's default unit when absent is MILLISECONDS. */
    public static TimeUnit parse(String name) {
        if (name == null) {
            return MILLISECONDS;
        }
        try {
            return valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown time unit: " + name, e);
        }
    }
}
