package io.tidemark.engine.query.window;

import io.tidemark.engine.query.function.QueryFunctionException;
import io.tidemark.engine.query.vector.Vector;
import java.util.Locale;
import java.util.Set;

/**
 * {@code lag}, {@code lead} (offset rows before/after the current row in the partition, frame
 * ignored, else the default) and {@code first_value}, {@code last_value}, {@code nth_value}
 * (within the frame). With IGNORE NULLS, rows whose value is null are not counted.
 */
final class ValueFunctions {

    static final Set<String> NAMES = Set.of("lag", "lead", "first_value", "last_value", "nth_value");

    private enum Kind {
        LAG, LEAD, FIRST_VALUE, LAST_VALUE, NTH_VALUE
    }

    private ValueFunctions() {
    }

    /**
     * @param arguments the call's argument columns (value, then offset/n, then default)
     * @param frames the frames, for the frame-scoped functions (null for lag and lead)
     */
    static void evaluate(String function, PartitionLayout layout, FrameBounds frames, Vector[] arguments, boolean ignoreNulls, ColumnWriter out) {
        Kind kind = Kind.valueOf(function.toUpperCase(Locale.ROOT));
        Vector values = arguments[0];
        int lagStep = kind == Kind.LAG ? -1 : 1;
        for (int p = 0; p < layout.partitionCount(); p++) {
            int from = layout.partitionStarts[p];
            int to = layout.partitionStarts[p + 1];
            for (int k = from; k < to; k++) {
                int row = layout.sorted[k];
                int found;
                switch (kind) {
                    case LAG:
                    case LEAD: {
                        if (arguments.length > 1 && arguments[1].isNull(row)) {
                            out.setNull(row);
                            continue;
                        }
                        long offset = arguments.length > 1 ? arguments[1].getLong(row) : 1;
                        if (offset < 0) {
                            throw new QueryFunctionException("Offset must be at least 0");
                        }
                        found = offset == 0 ? k : walk(layout.sorted, values, k + lagStep, lagStep, offset, from, to, ignoreNulls);
                        if (found < 0) {
                            if (arguments.length > 2) {
                                out.set(row, arguments[2], row);
                            } else {
                                out.setNull(row);
                            }
                            continue;
                        }
                        break;
                    }
                    case FIRST_VALUE:
                        found = walk(layout.sorted, values, frames.start[k], 1, 1, frames.start[k], frames.end[k], ignoreNulls);
                        break;
                    case LAST_VALUE:
                        found = walk(layout.sorted, values, frames.end[k] - 1, -1, 1, frames.start[k], frames.end[k], ignoreNulls);
                        break;
                    default: {
                        if (arguments[1].isNull(row)) {
                            out.setNull(row);
                            continue;
                        }
                        long n = arguments[1].getLong(row);
                        if (n <= 0) {
                            throw new QueryFunctionException("Offset must be at least 1");
                        }
                        found = walk(layout.sorted, values, frames.start[k], 1, n, frames.start[k], frames.end[k], ignoreNulls);
                    }
                }
                if (found < 0) {
                    out.setNull(row);
                } else {
                    out.set(row, values, layout.sorted[found]);
                }
            }
        }
    }

    /**
     * The sorted index of the {@code count}-th counted row met walking from {@code k} by
     * {@code step} within {@code [from, to)}, or -1; with {@code ignoreNulls} null values are not counted.
     */
    private static int walk(int[] sorted, Vector values, int k, int step, long count, int from, int to, boolean ignoreNulls) {
        if (!ignoreNulls) {
            long target = k + step * (count - 1);
            return target >= from && target < to ? (int) target : -1;
        }
        long remaining = count;
        for (int i = k; i >= from && i < to; i += step) {
            if (!values.isNull(sorted[i]) && --remaining == 0) {
                return i;
            }
        }
        return -1;
    }
}
