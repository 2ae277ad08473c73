package io.tidemark.sql.ast;

import java.util.Locale;
import java.util.Optional;

/**
 * A unit of Timestream's duration shorthand ({@code 15m}, {@code 12second}): singular names and
 * their abbreviations. {@code m} is a minute, never a month.
 */
public enum DurationUnit {
    NANOSECOND("ns", 1L),
    MICROSECOND("us", 1_000L),
    MILLISECOND("ms", 1_000_000L),
    SECOND("s", 1_000_000_000L),
    MINUTE("m", 60_000_000_000L),
    HOUR("h", 3_600_000_000_000L),
    DAY("d", 86_400_000_000_000L);

    private final String abbreviation;
    private final long nanos;

    DurationUnit(String abbreviation, long nanos) {
        this.abbreviation = abbreviation;
        this.nanos = nanos;
    }

    /** The short spelling the formatter prints ({@code ns}, {@code us}, {@code ms}, {@code s}, {@code m}, {@code h}, {@code d}). */
    public String abbreviation() {
        return abbreviation;
    }

    /** Length of one unit in nanoseconds. */
    public long nanos() {
        return nanos;
    }

    /** The unit spelled {@code text} (abbreviation or singular name, any case), if there is one. */
    public static Optional<DurationUnit> fromSuffix(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (DurationUnit unit : values()) {
            if (unit.abbreviation.equals(lower) || unit.name().toLowerCase(Locale.ROOT).equals(lower)) {
                return Optional.of(unit);
            }
        }
        return Optional.empty();
    }
}
