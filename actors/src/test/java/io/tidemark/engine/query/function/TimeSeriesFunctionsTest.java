package io.tidemark.engine.query.function;

import static io.tidemark.engine.query.function.FunctionCalls.arg;
import static io.tidemark.engine.query.function.FunctionCalls.call;
import static io.tidemark.engine.query.function.FunctionCalls.list;
import static io.tidemark.sql.type.PrimitiveType.BIGINT;
import static io.tidemark.sql.type.PrimitiveType.DOUBLE;
import static io.tidemark.sql.type.PrimitiveType.INTERVAL_DAY_TO_SECOND;
import static io.tidemark.sql.type.PrimitiveType.TIMESTAMP;
import static io.tidemark.sql.type.PrimitiveType.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tidemark.sql.type.ArrayType;
import io.tidemark.sql.type.TimeSeriesType;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeSeriesFunctionsTest {

    private static final TimeSeriesType SERIES = new TimeSeriesType(DOUBLE);
    private static final ArrayType INSTANTS = new ArrayType(TIMESTAMP);
    private static final long SECOND = 1_000_000_000L;
    private static final long MINUTE = 60 * SECOND;

    /** 0 s → 0, 10 s → 10, 20 s → 30: a gap of 10 s between observations and a change of slope at 10 s. */
    private static final List<Object> RAMP = series(0, 0.0, 10, 10.0, 20, 30.0);

    /** Points as (seconds, value) pairs. */
    private static List<Object> series(Object... secondsAndValues) {
        List<Object> points = list();
        for (int i = 0; i < secondsAndValues.length; i += 2) {
            points.add(list(((Number) secondsAndValues[i]).longValue() * SECOND, secondsAndValues[i + 1]));
        }
        return points;
    }

    private static List<Object> seconds(Object... seconds) {
        List<Object> instants = list();
        for (Object s : seconds) {
            instants.add(s == null ? null : ((Number) s).longValue() * SECOND);
        }
        return instants;
    }

    private static Object resample(String name, List<Object> series, List<Object> instants) {
        return call(name, SERIES, arg(SERIES, series), arg(INSTANTS, instants));
    }

    private static Object at(String name, List<Object> series, long seconds) {
        return call(name, DOUBLE, arg(SERIES, series), arg(TIMESTAMP, seconds * SECOND));
    }

    @Test
    void linearInterpolationDropsInstantsOutsideTheSeries() {
        assertThat(resample("interpolate_linear", RAMP, seconds(-5, 0, 5, 10, 15, 20, 25)))
                .isEqualTo(series(0, 0.0, 5, 5.0, 10, 10.0, 15, 20.0, 20, 30.0));
        assertThat(at("interpolate_linear", RAMP, 15)).isEqualTo(20.0);
        assertThat(at("interpolate_linear", RAMP, 25)).isNull();
        assertThat(at("interpolate_linear", RAMP, -1)).isNull();
    }

    @Test
    void linearInterpolationOfEmptyAndSinglePointSeries() {
        assertThat(resample("interpolate_linear", series(), seconds(0, 10))).isEqualTo(list());
        assertThat(at("interpolate_linear", series(), 0)).isNull();
        assertThat(resample("interpolate_linear", series(10, 4.0), seconds(0, 10, 20))).isEqualTo(series(10, 4.0));
        assertThat(at("interpolate_linear", series(10, 4.0), 10)).isEqualTo(4.0);
    }

    @Test
    void nullsAreSkippedInTheSeriesAndTheInstants() {
        assertThat(at("interpolate_linear", series(0, 0.0, 5, null, 10, 10.0), 5)).isEqualTo(5.0);
        assertThat(resample("interpolate_linear", RAMP, seconds(5, null, 15))).isEqualTo(series(5, 5.0, 15, 20.0));
        assertThat(call("interpolate_linear", SERIES, arg(SERIES, null), arg(INSTANTS, seconds(0)))).isNull();
        assertThat(call("interpolate_linear", SERIES, arg(SERIES, RAMP), arg(INSTANTS, null))).isNull();
    }

    @Test
    void theLastOfDuplicateTimestampsCountsAndRequestedInstantsAreSortedAndDistinct() {
        List<Object> duplicated = series(0, 0.0, 10, 2.0, 10, 10.0, 20, 30.0);
        assertThat(at("interpolate_linear", duplicated, 10)).isEqualTo(10.0);
        assertThat(at("interpolate_linear", duplicated, 5)).isEqualTo(5.0);
        assertThat(resample("interpolate_linear", RAMP, seconds(10, 0, 10))).isEqualTo(series(0, 0.0, 10, 10.0));
    }

    @Test
    void cubicSplineIsNaturalThroughEveryObservation() {
        List<Object> peak = series(0, 0.0, 1, 1.0, 2, 0.0);
        // Natural spline: 4·M1 = 6·((0 − 1) − (1 − 0)) so M1 = −3; S(0.5) = 0.5 + (0.125 − 0.5)·(−3)/6 = 0.6875.
        assertThat((Double) call("interpolate_spline_cubic", DOUBLE, arg(SERIES, peak), arg(TIMESTAMP, SECOND / 2))).isCloseTo(0.6875, within(1e-12));
        assertThat((Double) call("interpolate_spline_cubic", DOUBLE, arg(SERIES, peak), arg(TIMESTAMP, 3 * SECOND / 2))).isCloseTo(0.6875, within(1e-12));
        assertThat(at("interpolate_spline_cubic", peak, 1)).isEqualTo(1.0);
        assertThat(at("interpolate_spline_cubic", peak, 3)).isNull();
        List<Object> line = series(0, 1.0, 1, 3.0, 3, 7.0, 6, 13.0);
        assertThat((Double) at("interpolate_spline_cubic", line, 2)).as("a spline through a line is the line").isCloseTo(5.0, within(1e-9));
        assertThat(resample("interpolate_spline_cubic", series(0, 0.0, 10, 10.0), seconds(-1, 5, 11))).isEqualTo(series(5, 5.0));
        assertThat(resample("interpolate_spline_cubic", series(), seconds(1))).isEqualTo(list());
        assertThat(resample("interpolate_spline_cubic", series(4, 2.0), seconds(3, 4, 5))).isEqualTo(series(4, 2.0));
    }

    @Test
    void lastObservationIsCarriedForwardPastTheEnd() {
        assertThat(resample("interpolate_locf", RAMP, seconds(-5, 0, 5, 15, 25))).isEqualTo(series(0, 0.0, 5, 0.0, 15, 10.0, 25, 30.0));
        assertThat(at("interpolate_locf", RAMP, -5)).isNull();
        assertThat(at("interpolate_locf", RAMP, 25)).isEqualTo(30.0);
        TimeSeriesType strings = new TimeSeriesType(VARCHAR);
        assertThat(call("interpolate_locf", strings, arg(strings, series(0, "up", 10, "down")), arg(INSTANTS, seconds(5, 10))))
                .isEqualTo(series(5, "up", 10, "down"));
        assertThat(resample("interpolate_locf", series(), seconds(0))).isEqualTo(list());
    }

    @Test
    void fillUsesTheConstantWhereverNoObservationIs() {
        assertThat(call("interpolate_fill", SERIES, arg(SERIES, RAMP), arg(INSTANTS, seconds(-5, 0, 5, 10, 25)), arg(DOUBLE, -1.0)))
                .isEqualTo(series(-5, -1.0, 0, 0.0, 5, -1.0, 10, 10.0, 25, -1.0));
        assertThat(call("interpolate_fill", DOUBLE, arg(SERIES, RAMP), arg(TIMESTAMP, 5 * SECOND), arg(DOUBLE, -1.0))).isEqualTo(-1.0);
        assertThat(call("interpolate_fill", DOUBLE, arg(SERIES, RAMP), arg(TIMESTAMP, 10 * SECOND), arg(DOUBLE, -1.0))).isEqualTo(10.0);
        assertThat(call("interpolate_fill", SERIES, arg(SERIES, series()), arg(INSTANTS, seconds(1)), arg(DOUBLE, 0.0))).isEqualTo(series(1, 0.0));
        TimeSeriesType longs = new TimeSeriesType(BIGINT);
        assertThat(call("interpolate_fill", BIGINT, arg(longs, series(0, 3L)), arg(TIMESTAMP, SECOND), arg(BIGINT, 7L))).isEqualTo(7L);
    }

    @Test
    void derivativeIsTheSlopeFromThePreviousPointPerInterval() {
        assertThat(call("derivative_linear", SERIES, arg(SERIES, RAMP), arg(INTERVAL_DAY_TO_SECOND, SECOND))).isEqualTo(series(10, 1.0, 20, 2.0));
        assertThat(call("derivative_linear", SERIES, arg(SERIES, RAMP), arg(INTERVAL_DAY_TO_SECOND, MINUTE))).isEqualTo(series(10, 60.0, 20, 120.0));
        assertThat(call("derivative_linear", SERIES, arg(SERIES, series()), arg(INTERVAL_DAY_TO_SECOND, SECOND))).isEqualTo(list());
        assertThat(call("derivative_linear", SERIES, arg(SERIES, series(3, 1.0)), arg(INTERVAL_DAY_TO_SECOND, SECOND))).isEqualTo(list());
        assertThat(call("derivative_linear", SERIES, arg(SERIES, series(0, 0.0, 10, 2.0, 10, 10.0, 20, 30.0)), arg(INTERVAL_DAY_TO_SECOND, SECOND)))
                .as("duplicate instants: the last point counts, no division by zero").isEqualTo(series(10, 1.0, 20, 2.0));
        List<Object> counter = series(0, 5.0, 10, 3.0, 20, 8.0, 30, 8.0);
        assertThat(call("derivative_linear", SERIES, arg(SERIES, counter), arg(INTERVAL_DAY_TO_SECOND, SECOND)))
                .isEqualTo(series(10, -0.2, 20, 0.5, 30, 0.0));
        assertThat(call("non_negative_derivative_linear", SERIES, arg(SERIES, counter), arg(INTERVAL_DAY_TO_SECOND, SECOND)))
                .isEqualTo(series(20, 0.5, 30, 0.0));
    }

    @Test
    void trapezoidalIntegralPerInterval() {
        assertThat(call("integral_trapezoidal", DOUBLE, arg(SERIES, RAMP))).isEqualTo(250.0);
        assertThat((Double) call("integral_trapezoidal", DOUBLE, arg(SERIES, RAMP), arg(INTERVAL_DAY_TO_SECOND, MINUTE)))
                .isCloseTo(250.0 / 60, within(1e-12));
        assertThat(call("integral_trapezoidal", DOUBLE, arg(SERIES, series(7, 3.0)))).isEqualTo(0.0);
        assertThat(call("integral_trapezoidal", DOUBLE, arg(SERIES, series()))).isNull();
        TimeSeriesType longs = new TimeSeriesType(BIGINT);
        assertThat(call("integral_trapezoidal", DOUBLE, arg(longs, series(0, 1L, 2, 3L)))).isEqualTo(4.0);
    }

    @Test
    void correlationsNeedTheSameInstants() {
        List<Object> x = series(1, 1.0, 2, 2.0, 3, 3.0);
        assertThat(call("correlate_pearson", DOUBLE, arg(SERIES, x), arg(SERIES, series(1, 2.0, 2, 4.0, 3, 6.0)))).isEqualTo(1.0);
        assertThat(call("correlate_pearson", DOUBLE, arg(SERIES, x), arg(SERIES, series(1, 3.0, 2, 2.0, 3, 1.0)))).isEqualTo(-1.0);
        assertThat(call("correlate_pearson", DOUBLE, arg(SERIES, series(1, 1.0)), arg(SERIES, series(1, 1.0)))).isNull();
        assertThatThrownBy(() -> call("correlate_pearson", DOUBLE, arg(SERIES, x), arg(SERIES, series(1, 1.0, 2, 1.0, 4, 1.0))))
                .isInstanceOf(QueryFunctionException.class).hasMessageStartingWith("cannot correlate time series with different timestamps");
        assertThat(call("correlate_spearman", DOUBLE, arg(SERIES, series(1, 1.0, 2, 2.0, 3, 3.0, 4, 4.0)),
                arg(SERIES, series(1, 1.0, 2, 4.0, 3, 9.0, 4, 16.0)))).isEqualTo(1.0);
        // Ties share their mean rank: x ranks (1, 2.5, 2.5, 4) against (1, 2, 3, 4) give 4.5 / sqrt(4.5 · 5).
        assertThat((Double) call("correlate_spearman", DOUBLE, arg(SERIES, series(1, 1.0, 2, 2.0, 3, 2.0, 4, 3.0)),
                arg(SERIES, series(1, 1.0, 2, 2.0, 3, 3.0, 4, 4.0)))).isCloseTo(4.5 / Math.sqrt(22.5), within(1e-15));
    }
}
