package io.tidemark.engine.query.operator;

import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.query.vector.Vector;

/** Estimates of what batches hold in memory, for reservations: 8 bytes a primitive, 48 an object reference and its object, 1 a null flag. */
final class BatchSizes {

    private BatchSizes() {
    }

    static long estimate(Batch batch) {
        long rowBytes = 0;
        for (Vector column : batch.columns()) {
            rowBytes += bytesPerRow(column);
        }
        return rowBytes * batch.rowCount();
    }

    private static long bytesPerRow(Vector column) {
        switch (column.storage()) {
            case LONG:
            case DOUBLE:
                return 9;
            case BOOLEAN:
                return 2;
            default:
                return 48;
        }
    }
}
