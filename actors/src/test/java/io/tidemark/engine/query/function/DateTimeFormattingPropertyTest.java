package io.tidemark.engine.query.function;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.format.DateTimeFormatter;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/** Formatting then parsing with the same pattern gives back the instant, to the pattern's precision, over the whole timestamp range. */
class DateTimeFormattingPropertyTest {

    private static final DateTimeFormatter JODA = DateTimePatterns.joda("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSS");
    private static final DateTimeFormatter JODA_TWELVE_HOURS = DateTimePatterns.joda("EEE, d MMM yyyy hh:mm:ss a ZZ");
    private static final DateTimeFormatter MYSQL_PRINT = DateTimePatterns.mysql("%Y-%m-%d %H:%i:%s.%f", false);
    private static final DateTimeFormatter MYSQL_PARSE = DateTimePatterns.mysql("%Y-%m-%d %H:%i:%s.%f", true);

    @Property
    void jodaRoundTripsToTheNanosecond(@ForAll @LongRange(min = Long.MIN_VALUE, max = Long.MAX_VALUE) long nanos) {
        assertThat(DateTimeFormatting.parse(JODA, DateTimeFormatting.format(JODA, nanos))).isEqualTo(nanos);
    }

    @Property
    void jodaTwelveHourClockRoundTripsToTheSecond(
            @ForAll @LongRange(min = -9_000_000_000_000_000_000L, max = 9_000_000_000_000_000_000L) long nanos) {
        long seconds = Math.floorDiv(nanos, 1_000_000_000L) * 1_000_000_000L;
        assertThat(DateTimeFormatting.parse(JODA_TWELVE_HOURS, DateTimeFormatting.format(JODA_TWELVE_HOURS, seconds))).isEqualTo(seconds);
    }

    @Property
    void mysqlRoundTripsToTheMicrosecond(@ForAll @LongRange(min = -9_000_000_000_000_000_000L, max = 9_000_000_000_000_000_000L) long nanos) {
        long micros = Math.floorDiv(nanos, 1_000L) * 1_000L;
        assertThat(DateTimeFormatting.parse(MYSQL_PARSE, DateTimeFormatting.format(MYSQL_PRINT, micros))).isEqualTo(micros);
    }
}
