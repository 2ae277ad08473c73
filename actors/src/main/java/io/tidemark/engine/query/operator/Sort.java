package io.tidemark.engine.query.operator;

import io.tidemark.engine.query.QueryContext;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.query.vector.RowComparator;
import io.tidemark.engine.query.vector.SortKey;
import java.util.List;

/** ORDER BY over a whole batch: a stable sort of row positions, then one gather of every column. */
public final class Sort {

    private Sort() {
    }

    public static Batch sort(Batch batch, List<SortKey> keys, QueryContext context) {
        context.checkRunning();
        int rows = batch.rowCount();
        if (keys.isEmpty() || rows < 2) {
            return batch;
        }
        try (MemoryReservation memory = new MemoryReservation(context)) {
            memory.resize(rows * 8L + BatchSizes.estimate(batch));
            int[] positions = new RowComparator(batch, keys).sortedPositions(rows);
            return batch.select(positions, rows);
        }
    }
}
