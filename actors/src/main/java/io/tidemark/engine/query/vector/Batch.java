package io.tidemark.engine.query.vector;

import java.util.ArrayList;
import java.util.List;

/**
 * Rows in columns: a list of {@link Vector}s of equal size. A batch may have rows and no columns
 * ({@code SELECT count(*)} needs only the row count).
 */
public final class Batch {

    private final List<Vector> columns;
    private final int rowCount;

    public Batch(List<Vector> columns, int rowCount) {
        this.columns = List.copyOf(columns);
        this.rowCount = rowCount;
        for (Vector column : this.columns) {
            if (column.size() != rowCount) {
                throw new IllegalArgumentException("cannot build a batch from columns of unequal sizes: rowCount=" + rowCount
                        + ", column=" + column);
            }
        }
    }

    public static Batch empty(List<io.tidemark.sql.type.SqlType> types) {
        List<Vector> columns = new ArrayList<>();
        for (var type : types) {
            columns.add(new VectorBuilder(type, 0).build());
        }
        return new Batch(columns, 0);
    }

    public int rowCount() {
        return rowCount;
    }

    public int columnCount() {
        return columns.size();
    }

    public Vector column(int channel) {
        return columns.get(channel);
    }

    public List<Vector> columns() {
        return columns;
    }

    /** The rows at {@code positions[0..count)}, in that order. */
    public Batch select(int[] positions, int count) {
        List<Vector> selected = new ArrayList<>(columns.size());
        for (Vector column : columns) {
            selected.add(column.select(positions, count));
        }
        return new Batch(selected, count);
    }

    /** Rows {@code [from, to)}. */
    public Batch slice(int from, int to) {
        List<Vector> sliced = new ArrayList<>(columns.size());
        for (Vector column : columns) {
            sliced.add(column.slice(from, to));
        }
        return new Batch(sliced, to - from);
    }

    /** The batches' rows one after another (no batch: no rows); all have the same column types. */
    public static Batch concat(List<Batch> batches, List<io.tidemark.sql.type.SqlType> types) {
        if (batches.size() == 1) {
            return batches.get(0);
        }
        int rows = 0;
        for (Batch batch : batches) {
            rows += batch.rowCount();
        }
        List<Vector> columns = new ArrayList<>(types.size());
        for (int c = 0; c < types.size(); c++) {
            List<Vector> parts = new ArrayList<>(batches.size());
            for (Batch batch : batches) {
                parts.add(batch.column(c));
            }
            columns.add(Vector.concat(types.get(c), parts, rows));
        }
        return new Batch(columns, rows);
    }

    @Override
    public String toString() {
        return "Batch[rows=" + rowCount + ", columns=" + columns + "]";
    }
}
