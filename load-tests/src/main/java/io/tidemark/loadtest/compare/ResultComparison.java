package io.tidemark.loadtest.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Compares two normalised answers: the same keys in the same number of rows, and every value equal
 * within a relative tolerance (systems sum and divide in different orders, and some print doubles
 * with fewer digits). Row order does not matter: both sides are sorted by key first.
 */
public final class ResultComparison {

    /** Relative tolerance: |a - b| ≤ tolerance × max(1, |a|, |b|). */
    public static final double DEFAULT_TOLERANCE = 1e-6;

    private ResultComparison() {
    }

    /** Empty when the answers agree; otherwise the first difference, described. */
    public static Optional<String> difference(List<ResultRow> expected, List<ResultRow> actual, double tolerance) {
        List<ResultRow> e = sorted(expected);
        List<ResultRow> a = sorted(actual);
        if (e.size() != a.size()) {
            return Optional.of("rows: expected " + e.size() + ", got " + a.size() + firstMissing(e, a));
        }
        for (int r = 0; r < e.size(); r++) {
            ResultRow x = e.get(r);
            ResultRow y = a.get(r);
            if (x.timeMillis() != y.timeMillis() || !x.host().equals(y.host())) {
                return Optional.of("row " + r + ": expected key " + x + ", got " + y);
            }
            if (x.width() != y.width()) {
                return Optional.of("row " + r + ": expected " + x.width() + " values, got " + y.width());
            }
            for (int v = 0; v < x.width(); v++) {
                if (!close(x.value(v), y.value(v), tolerance)) {
                    return Optional.of("row " + r + " value " + v + ": expected " + x + ", got " + y);
                }
            }
        }
        return Optional.empty();
    }

    static boolean close(double a, double b, double tolerance) {
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return Double.isNaN(a) && Double.isNaN(b);
        }
        return Math.abs(a - b) <= tolerance * Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
    }

    private static List<ResultRow> sorted(List<ResultRow> rows) {
        List<ResultRow> copy = new ArrayList<>(rows);
        copy.sort(ResultRow.KEY_ORDER);
        return copy;
    }

    /** Names the first row of the longer side whose key the shorter side lacks. */
    private static String firstMissing(List<ResultRow> expected, List<ResultRow> actual) {
        List<ResultRow> longer = expected.size() > actual.size() ? expected : actual;
        List<ResultRow> shorter = longer == expected ? actual : expected;
        for (ResultRow row : longer) {
            boolean found = shorter.stream().anyMatch(s -> s.timeMillis() == row.timeMillis()
                    && s.host().equals(row.host()));
            if (!found) {
                return " (first row only " + (longer == expected ? "expected" : "returned") + ": " + row + ")";
            }
        }
        return "";
    }
}
