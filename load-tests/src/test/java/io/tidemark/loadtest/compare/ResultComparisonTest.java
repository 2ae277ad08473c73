package io.tidemark.loadtest.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResultComparisonTest {

    private static final double TOLERANCE = ResultComparison.DEFAULT_TOLERANCE;

    private static ResultRow row(long time, String host, double... values) {
        return new ResultRow(time, host, values);
    }

    @Test
    void answersInAnotherOrderWithinToleranceAgree() {
        List<ResultRow> expected = List.of(row(0, "host_0", 58.27, 1.0), row(0, "host_1", 40.0, 2.0),
                row(60_000, "host_0", 57.5, 3.0));
        List<ResultRow> actual = List.of(row(60_000, "host_0", 57.5, 3.0), row(0, "host_1", 40.0 + 1e-9, 2.0),
                row(0, "host_0", 58.27, 1.0));
        assertThat(ResultComparison.difference(expected, actual, TOLERANCE)).isEmpty();
    }

    @Test
    void aDeliberatelyWrongValueIsAMismatch() {
        List<ResultRow> expected = List.of(row(0, "host_0", 58.27), row(60_000, "host_0", 57.5));
        List<ResultRow> actual = List.of(row(0, "host_0", 58.27), row(60_000, "host_0", 57.51));
        assertThat(ResultComparison.difference(expected, actual, TOLERANCE)).hasValueSatisfying(d ->
                assertThat(d).contains("row 1 value 0").contains("57.5").contains("57.51"));
    }

    @Test
    void aMissingRowIsAMismatchNamingTheRow() {
        List<ResultRow> expected = List.of(row(0, "", 1), row(60_000, "", 2));
        assertThat(ResultComparison.difference(expected, List.of(row(0, "", 1)), TOLERANCE)).hasValueSatisfying(d ->
                assertThat(d).contains("expected 2, got 1").contains("time=60000"));
    }

    @Test
    void aDifferentKeyIsAMismatch() {
        assertThat(ResultComparison.difference(List.of(row(0, "host_0", 1)), List.of(row(0, "host_1", 1)),
                TOLERANCE)).hasValueSatisfying(d -> assertThat(d).contains("expected key"));
        assertThat(ResultComparison.difference(List.of(row(0, "", 1)), List.of(row(10_000, "", 1)), TOLERANCE))
                .isPresent();
    }

    @Test
    void missingValuesAgreeOnlyWithMissingValues() {
        assertThat(ResultComparison.difference(List.of(row(0, "", Double.NaN)), List.of(row(0, "", Double.NaN)),
                TOLERANCE)).isEmpty();
        assertThat(ResultComparison.difference(List.of(row(0, "", Double.NaN)), List.of(row(0, "", 0)), TOLERANCE))
                .isPresent();
    }

    @Test
    void toleranceIsRelativeToTheMagnitudeAndAbsoluteBelowOne() {
        assertThat(ResultComparison.close(1e9, 1e9 + 100, 1e-6)).isTrue();
        assertThat(ResultComparison.close(1e9, 1e9 + 10_000, 1e-6)).isFalse();
        assertThat(ResultComparison.close(0, 5e-7, 1e-6)).isTrue();
        assertThat(ResultComparison.close(0, 2e-6, 1e-6)).isFalse();
    }
}
