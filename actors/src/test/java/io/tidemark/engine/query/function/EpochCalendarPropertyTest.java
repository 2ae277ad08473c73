package io.tidemark.engine.query.function;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/** The primitive calendar agrees with java.time's ISO chronology over ±3000 years around the epoch. */
class EpochCalendarPropertyTest {

    @Property
    void fieldsMatchLocalDate(@ForAll @LongRange(min = -1_100_000, max = 1_100_000) long epochDay) {
        LocalDate date = LocalDate.ofEpochDay(epochDay);
        assertThat(EpochCalendar.year(epochDay)).isEqualTo(date.getYear());
        assertThat(EpochCalendar.month(epochDay)).isEqualTo(date.getMonthValue());
        assertThat(EpochCalendar.dayOfMonth(epochDay)).isEqualTo(date.getDayOfMonth());
        assertThat(EpochCalendar.dayOfYear(epochDay)).isEqualTo(date.getDayOfYear());
        assertThat(EpochCalendar.dayOfWeek(epochDay)).isEqualTo(date.getDayOfWeek().getValue());
        assertThat(EpochCalendar.quarter(epochDay)).isEqualTo(date.get(IsoFields.QUARTER_OF_YEAR));
        assertThat(EpochCalendar.isoWeek(epochDay)).isEqualTo(date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        assertThat(EpochCalendar.isoWeekYear(epochDay)).isEqualTo(date.get(IsoFields.WEEK_BASED_YEAR));
        assertThat(EpochCalendar.lastDayOfMonth(epochDay)).isEqualTo(date.withDayOfMonth(date.lengthOfMonth()).toEpochDay());
        assertThat(EpochCalendar.daysFromCivil(date.getYear(), date.getMonthValue(), date.getDayOfMonth())).isEqualTo(epochDay);
    }

    @Property
    void plusMonthsClampsLikeLocalDate(@ForAll @LongRange(min = -800_000, max = 800_000) long epochDay,
            @ForAll @LongRange(min = -5000, max = 5000) long months) {
        assertThat(EpochCalendar.plusMonths(epochDay, months)).isEqualTo(LocalDate.ofEpochDay(epochDay).plus(months, ChronoUnit.MONTHS).toEpochDay());
    }
}
