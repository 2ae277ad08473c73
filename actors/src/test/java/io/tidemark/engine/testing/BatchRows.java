package io.tidemark.engine.testing;

import io.tidemark.engine.query.vector.Batch;
import java.util.ArrayList;
import java.util.List;

/** A batch's rows as lists of boxed values, for assertions on whole results. */
public final class BatchRows {

    private BatchRows() {
    }

    public static List<List<Object>> rows(Batch batch) {
        List<List<Object>> rows = new ArrayList<>(batch.rowCount());
        for (int r = 0; r < batch.rowCount(); r++) {
            List<Object> row = new ArrayList<>(batch.columnCount());
            for (int c = 0; c < batch.columnCount(); c++) {
                row.add(batch.column(c).get(r));
            }
            rows.add(row);
        }
        return rows;
    }

    /** Each row as the text of its values, each prefixed with its column's type, for comparing results across nodes. */
    public static List<String> typedRows(Batch batch) {
        List<String> rows = new ArrayList<>(batch.rowCount());
        for (int r = 0; r < batch.rowCount(); r++) {
            List<Object> row = new ArrayList<>(batch.columnCount());
            for (int c = 0; c < batch.columnCount(); c++) {
                row.add(batch.column(c).type().displayName() + ":" + batch.column(c).get(r));
            }
            rows.add(row.toString());
        }
        return rows;
    }
}
