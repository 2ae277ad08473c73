package io.tidemark.engine.query.function;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/** Invariants of date_trunc, date_add and date_diff over the timestamp range (1677..2262), before and after the epoch. */
class CalendarUnitFunctionsPropertyTest {

    private static final long MIN = -9_000_000_000_000_000_000L;
    private static final long MAX = 9_000_000_000_000_000_000L;

    @Property
    void truncationFloorsToTheStartOfTheUnit(@ForAll @LongRange(min = MIN, max = MAX) long nanos, @ForAll CalendarUnit unit) {
        long truncated = CalendarUnitFunctions.truncateTimestamp(unit, nanos);

        assertThat(truncated).isLessThanOrEqualTo(nanos);
        assertThat(CalendarUnitFunctions.truncateTimestamp(unit, truncated)).isEqualTo(truncated);
        assertThat(CalendarUnitFunctions.addToTimestamp(unit, 1, truncated)).isGreaterThan(nanos);
        LocalDateTime start = local(truncated);
        if (unit.compareTo(CalendarUnit.DAY) >= 0) {
            assertThat(start.toLocalTime()).isEqualTo(LocalTime.MIDNIGHT);
        }
        if (unit == CalendarUnit.WEEK) {
            assertThat(start.getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
        }
        if (unit.months > 0) {
            assertThat(start.getDayOfMonth()).isEqualTo(1);
            assertThat((start.getMonthValue() - 1) % unit.months).isZero();
        }
    }

    @Property
    void addingMatchesJavaTime(@ForAll @LongRange(min = -4_000_000_000_000_000_000L, max = 4_000_000_000_000_000_000L) long nanos,
            @ForAll @LongRange(min = -100, max = 100) long amount, @ForAll CalendarUnit unit) {
        LocalDateTime expected = unit == CalendarUnit.QUARTER ? local(nanos).plus(amount, IsoFields.QUARTER_YEARS)
                : local(nanos).plus(amount, unit == CalendarUnit.MILLISECOND ? ChronoUnit.MILLIS : ChronoUnit.valueOf(unit.name() + "S"));

        assertThat(local(CalendarUnitFunctions.addToTimestamp(unit, amount, nanos))).isEqualTo(expected);
    }

    @Property
    void aDifferenceOfWholeUnitsBracketsTheEnd(@ForAll @LongRange(min = -4_000_000_000_000_000_000L, max = 4_000_000_000_000_000_000L) long start,
            @ForAll @LongRange(min = 0, max = 4_000_000_000_000_000_000L) long distance, @ForAll CalendarUnit unit) {
        long end = start + distance;
        long units = CalendarUnitFunctions.between(unit, start, end);

        assertThat(CalendarUnitFunctions.between(unit, end, start)).isEqualTo(-units);
        Assume.that(units < 20_000);
        assertThat(CalendarUnitFunctions.addToTimestamp(unit, units, start)).isLessThanOrEqualTo(end);
        assertThat(CalendarUnitFunctions.addToTimestamp(unit, units + 1, start)).isGreaterThan(end);
    }

    private static LocalDateTime local(long nanos) {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), (int) Math.floorMod(nanos, 1_000_000_000L), ZoneOffset.UTC);
    }
}
