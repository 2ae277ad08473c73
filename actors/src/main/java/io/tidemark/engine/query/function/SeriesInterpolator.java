package io.tidemark.engine.query.function;

/**
 * A value of one series at any instant, by one of Timestream's four interpolations, or null where
 * the method gives none. Linear and cubic-spline interpolation only estimate between the first and
 * the last observation (an instant outside that range is dropped from a result series), last
 * observation carried forward has nothing before the first observation and carries the last one
 * forever, and fill gives the fill value wherever there is no observation at exactly that instant.
 */
@FunctionalInterface
interface SeriesInterpolator {

    /** The value at {@code time}, or null. */
    Object at(long time);

    static SeriesInterpolator linear(SeriesPoints points) {
        return time -> {
            if (points.isEmpty() || time < points.first() || time > points.last()) {
                return null;
            }
            int i = points.floor(time);
            if (points.times()[i] == time) {
                return points.numbers()[i];
            }
            double fraction = (double) (time - points.times()[i]) / (double) (points.times()[i + 1] - points.times()[i]);
            return points.numbers()[i] + (points.numbers()[i + 1] - points.numbers()[i]) * fraction;
        };
    }

    /**
     * The natural cubic spline through the observations (second derivative zero at both ends): the
     * classic tridiagonal system solved once per series, then one cubic per segment. Two
     * observations give a straight line. Time runs in seconds from the first observation to keep
     * the system well conditioned.
     */
    static SeriesInterpolator splineCubic(SeriesPoints points) {
        int n = points.size();
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = (points.times()[i] - (n == 0 ? 0 : points.first())) / 1e9;
        }
        double[] y = points.numbers();
        double[] second = new double[n];
        if (n > 2) {
            double[] diagonal = new double[n];
            double[] rhs = new double[n];
            for (int i = 1; i < n - 1; i++) {
                diagonal[i] = 2 * (x[i + 1] - x[i - 1]);
                rhs[i] = 6 * ((y[i + 1] - y[i]) / (x[i + 1] - x[i]) - (y[i] - y[i - 1]) / (x[i] - x[i - 1]));
            }
            for (int i = 2; i < n - 1; i++) {
                double factor = (x[i] - x[i - 1]) / diagonal[i - 1];
                diagonal[i] -= factor * (x[i] - x[i - 1]);
                rhs[i] -= factor * rhs[i - 1];
            }
            for (int i = n - 2; i >= 1; i--) {
                second[i] = (rhs[i] - (x[i + 1] - x[i]) * second[i + 1]) / diagonal[i];
            }
        }
        return time -> {
            if (n == 0 || time < points.first() || time > points.last()) {
                return null;
            }
            int i = points.floor(time);
            if (points.times()[i] == time) {
                return y[i];
            }
            double at = (time - points.first()) / 1e9;
            double h = x[i + 1] - x[i];
            double a = (x[i + 1] - at) / h;
            double b = (at - x[i]) / h;
            return a * y[i] + b * y[i + 1] + ((a * a * a - a) * second[i] + (b * b * b - b) * second[i + 1]) * h * h / 6;
        };
    }

    static SeriesInterpolator lastObservationCarriedForward(SeriesPoints points) {
        return time -> {
            int i = points.floor(time);
            return i < 0 ? null : points.objects()[i];
        };
    }

    static SeriesInterpolator fill(SeriesPoints points, Object fillValue) {
        return time -> {
            int i = points.floor(time);
            return i >= 0 && points.times()[i] == time ? points.objects()[i] : fillValue;
        };
    }
}
