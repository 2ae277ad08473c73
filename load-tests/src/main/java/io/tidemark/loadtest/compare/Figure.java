package io.tidemark.loadtest.compare;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One measured quantity on one data set, per system, and Tidemark's standing on it.
 *
 * @param values the data set's value mode ({@code int}, {@code float2})
 * @param name what was measured, e.g. {@code ingest_points_per_s}, {@code query_ms{lastpoint}}
 * @param higherIsBetter true for rates; false for costs (bytes, milliseconds)
 * @param bySystem the figure of every system that has one, in system order (NaN: none)
 */
public record Figure(String values, String name, boolean higherIsBetter, Map<String, Double> bySystem) {

    public static final String REFERENCE = "tidemark";

    public Figure {
        bySystem = Collections.unmodifiableMap(new LinkedHashMap<>(bySystem));
    }

    /**
     * Tidemark's cost over the best peer's: for a cost, Tidemark's figure divided by the lowest
     * peer figure; for a rate, the highest peer rate divided by Tidemark's. At most 1 means Tidemark
     * is at least as good as every peer. NaN when no peer has the figure; infinite when Tidemark
     * has none but a peer has.
     */
    public double ratio() {
        double best = Double.NaN;
        for (Map.Entry<String, Double> e : bySystem.entrySet()) {
            double v = e.getValue();
            if (e.getKey().equals(REFERENCE) || Double.isNaN(v)) {
                continue;
            }
            best = Double.isNaN(best) ? v : higherIsBetter ? Math.max(best, v) : Math.min(best, v);
        }
        if (Double.isNaN(best)) {
            return Double.NaN;
        }
        double ours = bySystem.getOrDefault(REFERENCE, Double.NaN);
        if (Double.isNaN(ours)) {
            return Double.POSITIVE_INFINITY;
        }
        return higherIsBetter ? best / ours : ours / best;
    }

    /** The largest ratio over {@code figures} (NaN ones skipped); NaN when none has a ratio. */
    public static double worstRatio(Iterable<Figure> figures) {
        double worst = Double.NaN;
        for (Figure f : figures) {
            double r = f.ratio();
            if (!Double.isNaN(r)) {
                worst = Double.isNaN(worst) ? r : Math.max(worst, r);
            }
        }
        return worst;
    }
}
