package io.tidemark.engine.query;

import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.sql.type.PrimitiveType;
import java.util.Collection;
import java.util.Map;

/**
 * Estimated bytes of result rows as Timestream's Query response carries them (each value a JSON
 * {@code Datum}: {@code {"ScalarValue":"..."}}, {@code {"NullValue":true}}, arrays and rows
 * nested), for the 1 MB page limit and the stored-results budget. An estimate, on the generous
 * side: numbers count their longest text, strings their length.
 */
final class ResultSizes {

    /** {@code {"ScalarValue":""}} around a value, and the comma after it. */
    private static final int DATUM_OVERHEAD = 18;
    /** {@code {"Data":[]}} around a row, and the comma after it. */
    private static final int ROW_OVERHEAD = 12;

    private ResultSizes() {
    }

    /** The estimated size of row {@code row}. */
    static long row(Batch rows, int row) {
        long bytes = ROW_OVERHEAD;
        for (Vector column : rows.columns()) {
            bytes += datum(column, row);
        }
        return bytes;
    }

    /** The estimated size of every row. */
    static long all(Batch rows) {
        long bytes = 0;
        for (int r = 0; r < rows.rowCount(); r++) {
            bytes += row(rows, r);
        }
        return bytes;
    }

    private static long datum(Vector column, int row) {
        if (column.isNull(row)) {
            return DATUM_OVERHEAD;
        }
        switch (column.storage()) {
            case LONG:
                // a timestamp renders as "2022-07-07 17:42:32.939000000"; a bigint has at most 20 characters
                return DATUM_OVERHEAD + (column.type() == PrimitiveType.BIGINT || column.type() == PrimitiveType.INTEGER ? 20 : 29);
            case DOUBLE:
                return DATUM_OVERHEAD + 24;
            case BOOLEAN:
                return DATUM_OVERHEAD + 5;
            default:
                return DATUM_OVERHEAD + value(column.getObject(row));
        }
    }

    private static long value(Object value) {
        if (value == null) {
            return DATUM_OVERHEAD;
        }
        if (value instanceof String s) {
            return s.length();
        }
        if (value instanceof Collection<?> elements) {
            long bytes = 2;
            for (Object element : elements) {
                bytes += DATUM_OVERHEAD + value(element);
            }
            return bytes;
        }
        if (value instanceof Map<?, ?> map) {
            long bytes = 2;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                bytes += 2 * DATUM_OVERHEAD + value(e.getKey()) + value(e.getValue());
            }
            return bytes;
        }
        return 29;
    }
}
