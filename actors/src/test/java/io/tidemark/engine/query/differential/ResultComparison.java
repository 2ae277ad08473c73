package io.tidemark.engine.query.differential;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Compares a Tidemark result with the reference row by row: in order when the query's ORDER BY
 * makes the order total, else as multisets (both sides sorted canonically first). Numbers compare
 * by value whatever their boxing (DuckDB sums bigints to HUGEINT, Trino keeps bigint), doubles
 * with a relative tolerance of 1e-9; column names are not compared (unnamed expressions are
 * {@code _colN} in Tidemark, the expression text in DuckDB).
 */
public final class ResultComparison {

    private static final double RELATIVE_TOLERANCE = 1e-9;
    private static final double ABSOLUTE_TOLERANCE = 1e-12;

    private static final Comparator<List<Object>> ROW_ORDER = (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = compareValues(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    };

    private ResultComparison() {
    }

    /** Empty when the results agree, else a description naming the first differing row of each. */
    public static Optional<String> difference(SqlRows expected, SqlRows actual, boolean ordered) {
        if (expected.columns().size() != actual.columns().size()) {
            return Optional.of("column count: expected " + expected.columns() + " but got " + actual.columns());
        }
        List<List<Object>> want = new ArrayList<>(expected.rows());
        List<List<Object>> got = new ArrayList<>(actual.rows());
        if (!ordered) {
            want.sort(ROW_ORDER);
            got.sort(ROW_ORDER);
        }
        for (int r = 0; r < Math.min(want.size(), got.size()); r++) {
            if (!sameRow(want.get(r), got.get(r))) {
                return Optional.of("first difference at " + (ordered ? "row " : "sorted row ") + r + " of "
                        + want.size() + " expected / " + got.size() + " actual:\n  expected " + want.get(r)
                        + "\n  actual   " + got.get(r));
            }
        }
        if (want.size() != got.size()) {
            int r = Math.min(want.size(), got.size());
            return Optional.of("row count: expected " + want.size() + " but got " + got.size() + "; first extra row "
                    + (want.size() > r ? "expected " + want.get(r) : "actual " + got.get(r)));
        }
        return Optional.empty();
    }

    static boolean sameRow(List<Object> expected, List<Object> actual) {
        if (expected.size() != actual.size()) {
            return false;
        }
        for (int i = 0; i < expected.size(); i++) {
            if (!sameValue(expected.get(i), actual.get(i))) {
                return false;
            }
        }
        return true;
    }

    static boolean sameValue(Object expected, Object actual) {
        if (expected == null || actual == null) {
            return expected == actual;
        }
        if (expected instanceof Long a && actual instanceof Long b) {
            return a.longValue() == b.longValue();
        }
        if (expected instanceof Number a && actual instanceof Number b) {
            return closeEnough(a.doubleValue(), b.doubleValue());
        }
        if (expected instanceof List<?> a && actual instanceof List<?> b) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!sameValue(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return expected.equals(actual);
    }

    static boolean closeEnough(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b) || Double.isInfinite(a) || Double.isInfinite(b)) {
            return Double.compare(a, b) == 0;
        }
        double diff = Math.abs(a - b);
        return diff <= ABSOLUTE_TOLERANCE || diff <= RELATIVE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
    }

    @SuppressWarnings("unchecked")
    private static int compareValues(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        if (a instanceof Number x && b instanceof Number y) {
            if (x instanceof Long && y instanceof Long) {
                return Long.compare(x.longValue(), y.longValue());
            }
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            return ROW_ORDER.compare((List<Object>) x, (List<Object>) y);
        }
        if (a.getClass() == b.getClass() && a instanceof Comparable<?>) {
            return ((Comparable<Object>) a).compareTo(b);
        }
        return a.getClass().getName().compareTo(b.getClass().getName());
    }
}
