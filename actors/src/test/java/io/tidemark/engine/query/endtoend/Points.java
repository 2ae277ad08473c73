package io.tidemark.engine.query.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.engine.query.differential.DataRow;
import io.tidemark.engine.write.RecordInput;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Shorthands for the end-to-end tests: instants as epoch nanos, records, and time series compared point by point. */
final class Points {

    private Points() {
    }

    static long nanos(String instant) {
        Instant i = Instant.parse(instant);
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1000;
    }

    /** A single-measure record of {@code device} at {@code at} (whole milliseconds). */
    static RecordInput single(String device, String measure, Instant at, String type, Object value) {
        return DataRow.single("t", Map.of("device", device), measure, micros(at), false, type, value).toRecordInput();
    }

    /** A time-series value: points {@code [time nanos, value]}. */
    static List<List<Object>> series(Object... timesAndValues) {
        List<List<Object>> points = new ArrayList<>();
        for (int i = 0; i < timesAndValues.length; i += 2) {
            points.add(List.of(timesAndValues[i], timesAndValues[i + 1]));
        }
        return points;
    }

    /** Asserts {@code actual} is a time series with exactly the expected points; doubles within 1e-9 relative. */
    static void assertSeries(Object actual, List<List<Object>> expected) {
        assertThat(actual).as("time series").isInstanceOf(List.class);
        List<?> points = (List<?>) actual;
        assertThat(points).as("points of " + actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            List<?> point = (List<?>) points.get(i);
            assertThat(point.get(0)).as("time of point " + i + " in " + actual).isEqualTo(expected.get(i).get(0));
            assertClose(point.get(1), expected.get(i).get(1), "value of point " + i + " in " + actual);
        }
    }

    static void assertClose(Object actual, Object expected, String what) {
        if (expected instanceof Double e) {
            assertThat(actual).as(what).isInstanceOf(Double.class);
            assertThat((Double) actual).as(what).isCloseTo(e, org.assertj.core.data.Percentage.withPercentage(1e-7));
        } else {
            assertThat(actual).as(what).isEqualTo(expected);
        }
    }
}
