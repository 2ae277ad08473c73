package io.tidemark.engine.query.operator;

import io.tidemark.engine.query.QueryContext;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.sql.type.SqlType;
import java.util.ArrayList;
import java.util.List;

/** SELECT DISTINCT: the first occurrence of every distinct row (IS NOT DISTINCT FROM), in input order. */
public final class Distinct {

    private Distinct() {
    }

    public static Batch apply(Batch batch, QueryContext context) {
        try (GroupByHash hash = new GroupByHash(columnTypes(batch), 16, context)) {
            int[] ids = hash.groupIds(allColumns(batch), batch.rowCount());
            int[] firsts = firstOccurrences(ids, batch.rowCount(), hash.groupCount());
            if (firsts.length == batch.rowCount()) {
                return batch;
            }
            return batch.select(firsts, firsts.length);
        }
    }

    /** The positions where each of the dense ids {@code 0..groupCount} first appears, ascending. */
    static int[] firstOccurrences(int[] ids, int rowCount, int groupCount) {
        int[] firsts = new int[groupCount];
        int next = 0;
        for (int i = 0; i < rowCount; i++) {
            if (ids[i] == next) {
                firsts[next++] = i;
            }
        }
        return firsts;
    }

    static List<SqlType> columnTypes(Batch batch) {
        List<SqlType> types = new ArrayList<>(batch.columnCount());
        for (Vector column : batch.columns()) {
            types.add(column.type());
        }
        return types;
    }

    static Vector[] allColumns(Batch batch) {
        return batch.columns().toArray(new Vector[0]);
    }
}
