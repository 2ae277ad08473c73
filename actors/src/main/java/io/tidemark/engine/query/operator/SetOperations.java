package io.tidemark.engine.query.operator;

import io.tidemark.engine.query.QueryContext;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.sql.type.SqlType;
import java.util.List;

/**
 * UNION, INTERSECT and EXCEPT. Rows compare as IS NOT DISTINCT FROM (nulls equal), through one
 * {@link GroupByHash} over all columns of the left input; the right input is only looked up.
 * Results keep the left input's order: the first occurrences of each distinct row, or for ALL
 * the first {@code min(l, r)} (INTERSECT) or {@code l - r} (EXCEPT) occurrences of a row seen
 * {@code l} times on the left and {@code r} times on the right.
 */
public final class SetOperations {

    private SetOperations() {
    }

    /** The inputs' rows one after another, as {@code types}; with {@code distinct}, each distinct row once. */
    public static Batch union(List<Batch> inputs, List<SqlType> types, boolean distinct, QueryContext context) {
        context.checkRunning();
        Batch all = Batch.concat(inputs, types);
        return distinct ? Distinct.apply(all, context) : all;
    }

    public static Batch intersect(Batch left, Batch right, boolean all, QueryContext context) {
        return combine(left, right, all, true, context);
    }

    public static Batch except(Batch left, Batch right, boolean all, QueryContext context) {
        return combine(left, right, all, false, context);
    }

    private static Batch combine(Batch left, Batch right, boolean all, boolean intersect, QueryContext context) {
        if (left.columnCount() != right.columnCount()) {
            throw new IllegalArgumentException("cannot combine rows of " + left.columnCount() + " and " + right.columnCount() + " columns");
        }
        try (GroupByHash hash = new GroupByHash(Distinct.columnTypes(left), 16, context)) {
            int[] leftIds = hash.groupIds(Distinct.allColumns(left), left.rowCount());
            int groups = hash.groupCount();
            int[] leftCounts = new int[groups];
            for (int i = 0; i < left.rowCount(); i++) {
                leftCounts[leftIds[i]]++;
            }
            int[] rightCounts = new int[groups];
            Vector[] rightColumns = Distinct.allColumns(right);
            int[] rightIds = hash.lookup(rightColumns, right.rowCount());
            for (int i = 0; i < right.rowCount(); i++) {
                if (rightIds[i] >= 0) {
                    rightCounts[rightIds[i]]++;
                }
            }
            int[] remaining = new int[groups];
            for (int g = 0; g < groups; g++) {
                int keep = intersect ? Math.min(leftCounts[g], rightCounts[g]) : leftCounts[g] - rightCounts[g];
                if (!all) {
                    keep = intersect ? Math.min(keep, 1) : (rightCounts[g] == 0 ? 1 : 0);
                }
                remaining[g] = Math.max(keep, 0);
            }
            int[] positions = new int[left.rowCount()];
            int count = 0;
            for (int i = 0; i < left.rowCount(); i++) {
                if (remaining[leftIds[i]] > 0) {
                    remaining[leftIds[i]]--;
                    positions[count++] = i;
                }
            }
            context.checkRunning();
            return count == left.rowCount() ? left : left.select(positions, count);
        }
    }
}
