package io.tidemark.engine.query.function;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/** ISO-8601 text round-trips every timestamp and date, and parses what java.time prints. */
class Iso8601PropertyTest {

    @Property
    void timestampsRoundTrip(@ForAll @LongRange(min = Long.MIN_VALUE, max = Long.MAX_VALUE) long nanos) {
        assertThat(Iso8601.parseTimestamp(Iso8601.formatTimestamp(nanos))).isEqualTo(nanos);
    }

    @Property
    void datesRoundTripAndAgreeWithJavaTime(@ForAll @LongRange(min = -3_000_000, max = 3_000_000) long epochDay) {
        String text = Iso8601.formatDate(epochDay);

        assertThat(Iso8601.parseDate(text)).isEqualTo(epochDay);
        assertThat(text).isEqualTo(LocalDate.ofEpochDay(epochDay).toString());
    }

    @Property
    void parsesJavaTimesInstantText(@ForAll @LongRange(min = -9_000_000_000_000_000_000L, max = 9_000_000_000_000_000_000L) long nanos) {
        Instant instant = Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));

        assertThat(Iso8601.parseTimestamp(DateTimeFormatter.ISO_INSTANT.format(instant))).isEqualTo(nanos);
    }
}
