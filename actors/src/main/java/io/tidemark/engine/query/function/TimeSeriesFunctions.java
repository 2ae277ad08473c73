package io.tidemark.engine.query.function;

import static io.tidemark.sql.type.PrimitiveType.DOUBLE;
import static io.tidemark.sql.type.PrimitiveType.INTERVAL_DAY_TO_SECOND;
import static io.tidemark.sql.type.PrimitiveType.TIMESTAMP;

import io.tidemark.sql.type.ArrayType;
import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.sql.type.SqlType;
import io.tidemark.sql.type.TimeSeriesType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Timestream's time-series functions (TIMESTREAM.md §4.14) other than the lambdas: the four
 * interpolations ({@link SeriesInterpolator} says which instants each one answers), the linear
 * derivatives, the trapezoidal integral and the correlations. A series is read through
 * {@link SeriesPoints}: points with null values are skipped and the last of several points at one
 * instant counts.
 *
 * <p>Interpolating at an {@code array(timestamp)} returns a series of the instants (sorted,
 * distinct, nulls dropped) the method answers; at a single timestamp it returns the value or
 * null. {@code derivative_linear(ts, interval)} gives, at every point but the first, the slope
 * from the previous point scaled to {@code interval}; the non-negative variant drops negative
 * slopes (counter resets). {@code integral_trapezoidal(ts [, interval])} is the trapezoid-rule
 * area in value × {@code interval} (default one second): 0 for one point, null for none.
 * {@code correlate_pearson} / {@code correlate_spearman} need the same instants in both series,
 * and are null with fewer than two points.
 */
public final class TimeSeriesFunctions implements FunctionGroup {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    @Override
    public void register(ScalarFunctionRegistry.Builder registry) {
        registry.add("interpolate_linear", signature -> numeric(signature) ? interpolate(signature, SeriesInterpolator::linear) : null);
        registry.add("interpolate_spline_cubic", signature -> numeric(signature) ? interpolate(signature, SeriesInterpolator::splineCubic) : null);
        registry.add("interpolate_locf", signature -> interpolate(signature, SeriesInterpolator::lastObservationCarriedForward));
        registry.add("interpolate_fill", TimeSeriesFunctions::bindFill);
        registry.add("derivative_linear", signature -> derivative(signature, false));
        registry.add("non_negative_derivative_linear", signature -> derivative(signature, true));
        registry.add("integral_trapezoidal", signature -> {
            List<SqlType> types = signature.argumentTypes();
            if (!numeric(signature) || types.size() > 2 || (types.size() == 2 && types.get(1) != INTERVAL_DAY_TO_SECOND)) {
                return null;
            }
            return FunctionSupport.rowWise(DOUBLE, row -> integral(SeriesPoints.of((List<?>) row[0]), row.length == 2 ? (Long) row[1] : NANOS_PER_SECOND));
        });
        registry.add("correlate_pearson", signature -> correlation(signature, false));
        registry.add("correlate_spearman", signature -> correlation(signature, true));
    }

    /** The series' slopes scaled to {@code intervalNanos}, at every point after the first. */
    static List<Object> derivative(SeriesPoints points, long intervalNanos, boolean nonNegative) {
        List<Object> result = new ArrayList<>(Math.max(points.size() - 1, 0));
        for (int i = 1; i < points.size(); i++) {
            // interval / gap first: both are whole nanoseconds, so typical ratios (60 s / 10 s) are exact.
            double rate = (points.numbers()[i] - points.numbers()[i - 1])
                    * ((double) intervalNanos / (double) (points.times()[i] - points.times()[i - 1]));
            if (!nonNegative || rate >= 0) {
                result.add(SeriesPoints.point(points.times()[i], rate));
            }
        }
        return result;
    }

    static Double integral(SeriesPoints points, long intervalNanos) {
        if (points.isEmpty()) {
            return null;
        }
        double area = 0;
        for (int i = 1; i < points.size(); i++) {
            area += (points.numbers()[i] + points.numbers()[i - 1]) / 2 * (double) (points.times()[i] - points.times()[i - 1]);
        }
        return area / (double) intervalNanos;
    }

    static Double pearson(double[] x, double[] y, int n) {
        if (n < 2) {
            return null;
        }
        double meanX = 0;
        double meanY = 0;
        for (int i = 0; i < n; i++) {
            meanX += x[i];
            meanY += y[i];
        }
        meanX /= n;
        meanY /= n;
        double covariance = 0;
        double varianceX = 0;
        double varianceY = 0;
        for (int i = 0; i < n; i++) {
            double dx = x[i] - meanX;
            double dy = y[i] - meanY;
            covariance += dx * dy;
            varianceX += dx * dx;
            varianceY += dy * dy;
        }
        return covariance / Math.sqrt(varianceX * varianceY);
    }

    /** 1-based ranks, ties sharing the mean of their positions. */
    static double[] ranks(double[] values, int n) {
        Integer[] order = new Integer[n];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
        double[] ranks = new double[n];
        for (int start = 0; start < n;) {
            int end = start;
            while (end + 1 < n && Double.compare(values[order[end + 1]], values[order[start]]) == 0) {
                end++;
            }
            double rank = (start + end) / 2.0 + 1;
            for (int i = start; i <= end; i++) {
                ranks[order[i]] = rank;
            }
            start = end + 1;
        }
        return ranks;
    }

    private static ScalarFunction interpolate(BoundSignature signature, Function<SeriesPoints, SeriesInterpolator> method) {
        List<SqlType> types = signature.argumentTypes();
        if (types.size() != 2 || !(types.get(0) instanceof TimeSeriesType)) {
            return null;
        }
        if (types.get(1).equals(new ArrayType(TIMESTAMP))) {
            return FunctionSupport.rowWise(signature.returnType(), row -> resample(method.apply(SeriesPoints.of((List<?>) row[0])), (List<?>) row[1]));
        }
        if (types.get(1) == TIMESTAMP) {
            return FunctionSupport.rowWise(signature.returnType(), row -> method.apply(SeriesPoints.of((List<?>) row[0])).at((Long) row[1]));
        }
        return null;
    }

    private static ScalarFunction bindFill(BoundSignature signature) {
        List<SqlType> types = signature.argumentTypes();
        if (types.size() != 3 || !(types.get(0) instanceof TimeSeriesType series) || !types.get(2).equals(series.valueType())) {
            return null;
        }
        if (types.get(1).equals(new ArrayType(TIMESTAMP))) {
            return FunctionSupport.rowWise(signature.returnType(),
                    row -> resample(SeriesInterpolator.fill(SeriesPoints.of((List<?>) row[0]), row[2]), (List<?>) row[1]));
        }
        if (types.get(1) == TIMESTAMP) {
            return FunctionSupport.rowWise(signature.returnType(),
                    row -> SeriesInterpolator.fill(SeriesPoints.of((List<?>) row[0]), row[2]).at((Long) row[1]));
        }
        return null;
    }

    /** The series of the interpolator's values at the requested instants it answers. */
    static List<Object> resample(SeriesInterpolator interpolator, List<?> timestamps) {
        long[] instants = SeriesPoints.instants(timestamps);
        List<Object> result = new ArrayList<>(instants.length);
        for (long instant : instants) {
            Object value = interpolator.at(instant);
            if (value != null) {
                result.add(SeriesPoints.point(instant, value));
            }
        }
        return result;
    }

    private static ScalarFunction derivative(BoundSignature signature, boolean nonNegative) {
        if (!numeric(signature) || signature.argumentTypes().size() != 2 || signature.argumentTypes().get(1) != INTERVAL_DAY_TO_SECOND) {
            return null;
        }
        return FunctionSupport.rowWise(signature.returnType(), row -> derivative(SeriesPoints.of((List<?>) row[0]), (Long) row[1], nonNegative));
    }

    private static ScalarFunction correlation(BoundSignature signature, boolean byRank) {
        List<SqlType> types = signature.argumentTypes();
        if (types.size() != 2 || !numeric(signature) || !(types.get(1) instanceof TimeSeriesType second) || !isNumber(second.valueType())) {
            return null;
        }
        return FunctionSupport.rowWise(DOUBLE, row -> {
            SeriesPoints x = SeriesPoints.of((List<?>) row[0]);
            SeriesPoints y = SeriesPoints.of((List<?>) row[1]);
            if (x.size() != y.size() || !Arrays.equals(x.times(), 0, x.size(), y.times(), 0, y.size())) {
                throw new QueryFunctionException("cannot correlate time series with different timestamps: first has " + x.size()
                        + " points, second has " + y.size());
            }
            return byRank ? pearson(ranks(x.numbers(), x.size()), ranks(y.numbers(), y.size()), x.size())
                    : pearson(x.numbers(), y.numbers(), x.size());
        });
    }

    /** True if the first argument is a timeseries of numbers. */
    private static boolean numeric(BoundSignature signature) {
        return !signature.argumentTypes().isEmpty() && signature.argumentTypes().get(0) instanceof TimeSeriesType series && isNumber(series.valueType());
    }

    private static boolean isNumber(SqlType type) {
        return type instanceof PrimitiveType primitive && primitive.isNumeric();
    }
}
