package io.tidemark.sql.ast;

/** A field of an ANSI interval literal or type, from the largest unit to the smallest. */
public enum IntervalField {
    YEAR, MONTH, DAY, HOUR, MINUTE, SECOND;

    /** True for the year-to-month kind, false for the day-to-second kind. */
    public boolean isYearToMonth() {
        return this == YEAR || this == MONTH;
    }
}
