package io.tidemark.engine.query.expression;

import io.tidemark.engine.query.vector.Storage;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.sql.type.SqlType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code value [NOT] IN (item, ...)}. Constant items are put once into a set: a primitive
 * open-addressing hash set of longs for LONG- and DOUBLE-stored values (doubles by their bits,
 * {@code -0.0} as {@code 0.0}, NaN never matching), a hash set for varchar, a list compared with
 * {@link Comparisons#testObjects} otherwise. Other items are evaluated per batch and compared row
 * by row. SQL semantics: a null value gives null; no match and a null item gives null.
 */
final class InListExpression {

    private final VectorExpression value;
    private final List<VectorExpression> variableItems;
    private final boolean constantNull;
    private final LongSet longs;
    private final Set<Object> hashed;
    private final List<Object> listed;

    private InListExpression(VectorExpression value, List<VectorExpression> items) {
        this.value = value;
        SqlType type = value.type();
        Storage storage = Storage.of(type);
        boolean sawNull = false;
        List<VectorExpression> variable = new ArrayList<>();
        List<Object> constants = new ArrayList<>();
        for (VectorExpression item : items) {
            if (item instanceof ConstantExpression constant) {
                if (constant.isNull()) {
                    sawNull = true;
                } else {
                    constants.add(constant.value());
                }
            } else {
                variable.add(item);
            }
        }
        this.variableItems = List.copyOf(variable);
        this.constantNull = sawNull;
        if (storage == Storage.LONG || storage == Storage.DOUBLE) {
            longs = new LongSet(constants.size());
            for (Object constant : constants) {
                if (storage == Storage.LONG) {
                    longs.add(((Number) constant).longValue());
                } else if (!Double.isNaN((Double) constant)) {
                    longs.add(doubleKey((Double) constant));
                }
            }
            hashed = null;
            listed = null;
        } else if (type == PrimitiveType.VARCHAR || type == PrimitiveType.BOOLEAN) {
            longs = null;
            hashed = new HashSet<>(constants);
            listed = null;
        } else {
            longs = null;
            hashed = null;
            listed = List.copyOf(constants);
        }
    }

    static VectorExpression of(VectorExpression value, List<VectorExpression> items, boolean negated) {
        InListExpression in = new InListExpression(value, items);
        return new Evaluator(PrimitiveType.BOOLEAN, (batch, context) -> {
            Vector values = in.value.evaluate(batch, context);
            List<Vector> others = new ArrayList<>(in.variableItems.size());
            for (VectorExpression item : in.variableItems) {
                others.add(item.evaluate(batch, context));
            }
            Vector result = in.test(values, others);
            return negated ? Logic.not(result) : result;
        });
    }

    private static long doubleKey(double value) {
        return Double.doubleToLongBits(value == 0.0 ? 0.0 : value);
    }

    private Vector test(Vector values, List<Vector> others) {
        int rows = values.size();
        if (others.isEmpty() && !constantNull && values.storage() == Storage.LONG) {
            long[] x = values.longs();
            boolean[] out = new boolean[rows];
            for (int i = 0; i < rows; i++) {
                out[i] = longs.contains(x[i]);
            }
            return Vector.ofBooleans(PrimitiveType.BOOLEAN, out, NullMasks.of(values), rows);
        }
        boolean[] out = new boolean[rows];
        boolean[] nulls = null;
        Storage storage = values.storage();
        for (int i = 0; i < rows; i++) {
            if (values.isNull(i)) {
                nulls = mark(nulls, rows, i);
                continue;
            }
            boolean found;
            if (storage == Storage.LONG) {
                found = longs.contains(values.getLong(i));
            } else if (storage == Storage.DOUBLE) {
                double v = values.getDouble(i);
                found = !Double.isNaN(v) && longs.contains(doubleKey(v));
            } else if (hashed != null) {
                found = hashed.contains(values.get(i));
            } else {
                found = false;
                Object v = values.get(i);
                for (int k = 0; k < listed.size() && !found; k++) {
                    found = Comparisons.testObjects(0, values.type(), v, listed.get(k));
                }
            }
            boolean unknown = constantNull;
            for (int k = 0; k < others.size() && !found; k++) {
                Vector other = others.get(k);
                if (other.isNull(i)) {
                    unknown = true;
                } else {
                    found = Comparisons.testObjects(0, values.type(), values.get(i), other.get(i));
                }
            }
            if (found) {
                out[i] = true;
            } else if (unknown) {
                nulls = mark(nulls, rows, i);
            }
        }
        return Vector.ofBooleans(PrimitiveType.BOOLEAN, out, nulls, rows);
    }

    private static boolean[] mark(boolean[] nulls, int rows, int row) {
        boolean[] mask = nulls == null ? new boolean[rows] : nulls;
        mask[row] = true;
        return mask;
    }

    /** An open-addressing set of longs (linear probing, power-of-two capacity, a separate flag for 0). */
    static final class LongSet {
        private long[] slots;
        private int size;
        private boolean hasZero;

        LongSet(int expected) {
            slots = new long[Integer.highestOneBit(Math.max(4, expected * 2)) * 2];
        }

        void add(long value) {
            if (value == 0) {
                hasZero = true;
                return;
            }
            if ((size + 1) * 2 > slots.length) {
                long[] old = slots;
                slots = new long[old.length * 2];
                size = 0;
                for (long v : old) {
                    if (v != 0) {
                        insert(v);
                    }
                }
            }
            insert(value);
        }

        private void insert(long value) {
            int mask = slots.length - 1;
            int slot = mix(value) & mask;
            while (slots[slot] != 0) {
                if (slots[slot] == value) {
                    return;
                }
                slot = (slot + 1) & mask;
            }
            slots[slot] = value;
            size++;
        }

        boolean contains(long value) {
            if (value == 0) {
                return hasZero;
            }
            int mask = slots.length - 1;
            int slot = mix(value) & mask;
            while (slots[slot] != 0) {
                if (slots[slot] == value) {
                    return true;
                }
                slot = (slot + 1) & mask;
            }
            return false;
        }

        private static int mix(long value) {
            long h = value * 0x9E3779B97F4A7C15L;
            return (int) (h ^ (h >>> 32));
        }
    }
}
