package io.tidemark.engine.subscription;

import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.engine.query.vector.VectorBuilder;
import io.tidemark.sql.type.SqlType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Changed result rows by row key: what one evaluation changed, or what a subscriber has not been
 * sent yet. Merging a later change into an earlier one keeps the net effect, so however many
 * evaluations a slow subscriber misses it receives one update of at most one change per row key:
 * added then updated is added (the newer row), added then removed is nothing, removed then added
 * is updated (or nothing when the row came back unchanged), updated then removed is removed.
 * Not thread-safe: owned by one actor.
 */
final class RowChanges {

    /** How a row changed. */
    enum Kind { ADDED, UPDATED, REMOVED }

    /** One row's change: the new row (ADDED, UPDATED) or the row that went away (REMOVED). */
    record Change(Kind kind, List<Object> row) {
    }

    private final Map<RowKey, Change> changes = new LinkedHashMap<>();

    boolean isEmpty() {
        return changes.isEmpty();
    }

    /** Changed rows pending. */
    int size() {
        return changes.size();
    }

    void put(RowKey key, Kind kind, List<Object> row) {
        merge(key, new Change(kind, row));
    }

    /** Folds {@code later} into these changes, as if both had happened in order. */
    void mergeAll(RowChanges later) {
        later.changes.forEach(this::merge);
    }

    private void merge(RowKey key, Change later) {
        Change earlier = changes.get(key);
        if (earlier == null) {
            changes.put(key, later);
            return;
        }
        Change net = net(earlier, later);
        if (net == null) {
            changes.remove(key);
        } else {
            changes.put(key, net);
        }
    }

    /** The one change equal to {@code earlier} then {@code later}; null when they cancel out. */
    private static Change net(Change earlier, Change later) {
        switch (earlier.kind()) {
            case ADDED:
                return later.kind() == Kind.REMOVED ? null : new Change(Kind.ADDED, later.row());
            case REMOVED:
                if (later.kind() == Kind.REMOVED) {
                    return later;
                }
                return earlier.row().equals(later.row()) ? null : new Change(Kind.UPDATED, later.row());
            default:
                return later.kind() == Kind.ADDED ? new Change(Kind.UPDATED, later.row()) : later;
        }
    }

    /** The rows of one kind as a batch of the result's column types. */
    Batch rows(Kind kind, List<SqlType> types) {
        List<List<Object>> rows = new ArrayList<>();
        for (Change change : changes.values()) {
            if (change.kind() == kind) {
                rows.add(change.row());
            }
        }
        return toBatch(rows, types);
    }

    static Batch toBatch(List<List<Object>> rows, List<SqlType> types) {
        List<VectorBuilder> builders = new ArrayList<>(types.size());
        for (SqlType type : types) {
            builders.add(new VectorBuilder(type, rows.size()));
        }
        for (List<Object> row : rows) {
            for (int c = 0; c < builders.size(); c++) {
                builders.get(c).append(row.get(c));
            }
        }
        List<Vector> columns = new ArrayList<>(builders.size());
        for (VectorBuilder builder : builders) {
            columns.add(builder.build());
        }
        return new Batch(columns, rows.size());
    }
}
