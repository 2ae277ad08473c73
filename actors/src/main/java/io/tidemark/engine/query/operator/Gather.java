package io.tidemark.engine.query.operator;

import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.query.vector.Vector;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link Vector#select} where a position of {@code -1} stands for a null row: how outer joins pad
 * the side without a match. Reads and writes the primitive arrays directly.
 */
final class Gather {

    private Gather() {
    }

    static List<Vector> columns(Batch batch, int[] positions, int count) {
        List<Vector> out = new ArrayList<>(batch.columnCount());
        for (Vector column : batch.columns()) {
            out.add(column(column, positions, count));
        }
        return out;
    }

    static Vector column(Vector source, int[] positions, int count) {
        boolean[] nulls = null;
        for (int i = 0; i < count; i++) {
            int p = positions[i];
            if (p < 0 || source.isNull(p)) {
                if (nulls == null) {
                    nulls = new boolean[count];
                }
                nulls[i] = true;
            }
        }
        switch (source.storage()) {
            case LONG: {
                long[] in = source.longs();
                long[] out = new long[count];
                for (int i = 0; i < count; i++) {
                    int p = positions[i];
                    out[i] = p < 0 ? 0 : in[p];
                }
                return Vector.ofLongs(source.type(), out, nulls, count);
            }
            case DOUBLE: {
                double[] in = source.doubles();
                double[] out = new double[count];
                for (int i = 0; i < count; i++) {
                    int p = positions[i];
                    out[i] = p < 0 ? 0 : in[p];
                }
                return Vector.ofDoubles(source.type(), out, nulls, count);
            }
            case BOOLEAN: {
                boolean[] in = source.booleans();
                boolean[] out = new boolean[count];
                for (int i = 0; i < count; i++) {
                    int p = positions[i];
                    out[i] = p >= 0 && in[p];
                }
                return Vector.ofBooleans(source.type(), out, nulls, count);
            }
            default: {
                Object[] in = source.objects();
                Object[] out = new Object[count];
                for (int i = 0; i < count; i++) {
                    int p = positions[i];
                    out[i] = p < 0 ? null : in[p];
                }
                return Vector.ofObjects(source.type(), out, count);
            }
        }
    }
}
