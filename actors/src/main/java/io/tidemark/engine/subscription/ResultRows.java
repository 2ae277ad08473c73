package io.tidemark.engine.subscription;

import io.tidemark.engine.query.vector.Batch;
import io.tidemark.sql.type.SqlType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A live query's current result as rows by {@link RowKey}, and the diff that replacing all of it,
 * or only the rows of some bins, makes. Result rows are aggregates (few), so each is held as a list
 * of boxed values. Not thread-safe: owned by one actor.
 */
final class ResultRows {

    private final int[] keyColumns;
    private final List<SqlType> types;
    private final Map<RowKey, List<Object>> rows = new LinkedHashMap<>();

    /** @param keyColumns the columns identifying a row; null when the whole row does */
    ResultRows(int[] keyColumns, List<SqlType> types) {
        this.keyColumns = keyColumns;
        this.types = List.copyOf(types);
    }

    List<SqlType> types() {
        return types;
    }

    int size() {
        return rows.size();
    }

    /** The current result as a batch, in the order rows were first seen. */
    Batch toBatch() {
        return RowChanges.toBatch(new ArrayList<>(rows.values()), types);
    }

    /** Replaces the whole result with {@code result}; the changes it made. */
    RowChanges replaceAll(Batch result) {
        return replace(result, row -> true);
    }

    /**
     * Replaces the rows that {@code inScope} selects with {@code result} (which holds only rows in
     * that scope, e.g. the rows of the bins a write touched); the changes it made.
     */
    RowChanges replace(Batch result, Predicate<List<Object>> inScope) {
        Map<RowKey, List<Object>> fresh = keyed(result);
        RowChanges changes = new RowChanges();
        Iterator<Map.Entry<RowKey, List<Object>>> it = rows.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<RowKey, List<Object>> old = it.next();
            if (!inScope.test(old.getValue())) {
                continue;
            }
            List<Object> now = fresh.remove(old.getKey());
            if (now == null) {
                changes.put(old.getKey(), RowChanges.Kind.REMOVED, old.getValue());
                it.remove();
            } else if (!now.equals(old.getValue())) {
                changes.put(old.getKey(), RowChanges.Kind.UPDATED, now);
                old.setValue(now);
            }
        }
        for (Map.Entry<RowKey, List<Object>> added : fresh.entrySet()) {
            changes.put(added.getKey(), RowChanges.Kind.ADDED, added.getValue());
            rows.put(added.getKey(), added.getValue());
        }
        return changes;
    }

    private Map<RowKey, List<Object>> keyed(Batch result) {
        Map<RowKey, List<Object>> keyed = new LinkedHashMap<>();
        Map<List<Object>, Integer> seen = new HashMap<>();
        for (int r = 0; r < result.rowCount(); r++) {
            List<Object> row = new ArrayList<>(result.columnCount());
            for (int c = 0; c < result.columnCount(); c++) {
                row.add(result.column(c).get(r));
            }
            List<Object> key = keyColumns == null ? row : pick(row);
            int occurrence = seen.merge(key, 1, Integer::sum) - 1;
            keyed.put(new RowKey(key, occurrence), row);
        }
        return keyed;
    }

    private List<Object> pick(List<Object> row) {
        List<Object> key = new ArrayList<>(keyColumns.length);
        for (int column : keyColumns) {
            key.add(row.get(column));
        }
        return key;
    }
}
