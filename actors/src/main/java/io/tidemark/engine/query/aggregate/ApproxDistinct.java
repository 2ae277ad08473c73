package io.tidemark.engine.query.aggregate;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.tidemark.engine.query.function.QueryFunctionException;
import io.tidemark.engine.query.vector.Values;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.sql.type.SqlType;
import net.openhft.hashing.LongHashFunction;

/**
 * {@code approx_distinct(x [, e])}: counts distinct non-null values EXACTLY over their 64-bit
 * hashes (XXH3 of the value's bits or characters), where Trino uses HyperLogLog. The answer is
 * off only when two distinct values collide in 64 bits, far inside any allowed standard error, at
 * the price of memory linear in the distinct count. Arrays, maps and rows hash through
 * {@link Values#hash} (32 bits), so they may collide more often. The error bound e is validated as
 * Trino does but does not change the (exact) count. A state crosses nodes as its hashes, so merged
 * states count exactly what the merged sets would.
 */
final class ApproxDistinct implements ObjectAggregation<LongHashSet> {

    static final double MIN_STANDARD_ERROR = 0.0040625;
    static final double MAX_STANDARD_ERROR = 0.26;
    private static final LongHashFunction XXH3 = LongHashFunction.xx3();

    private final SqlType type;
    private final boolean hasErrorBound;

    ApproxDistinct(SqlType type, boolean hasErrorBound) {
        this.type = type;
        this.hasErrorBound = hasErrorBound;
    }

    @Override
    public LongHashSet newState() {
        return new LongHashSet();
    }

    @Override
    public void add(LongHashSet state, Vector[] arguments, int row) {
        if (hasErrorBound) {
            checkErrorBound(arguments[1], row);
        }
        Vector values = arguments[0];
        if (!values.isNull(row)) {
            state.add(hash(values, row));
        }
    }

    private static void checkErrorBound(Vector bounds, int row) {
        double bound = bounds.isNull(row) ? Double.NaN : bounds.getDouble(row);
        if (!(bound >= MIN_STANDARD_ERROR && bound <= MAX_STANDARD_ERROR)) {
            throw new QueryFunctionException("Max standard error must be in [0.0040625, 0.26000]: " + (bounds.isNull(row) ? "null" : bound));
        }
    }

    private long hash(Vector values, int row) {
        switch (values.storage()) {
            case LONG:
                return XXH3.hashLong(values.getLong(row));
            case DOUBLE: {
                double value = values.getDouble(row);
                return XXH3.hashLong(Double.doubleToLongBits(value == 0.0 ? 0.0 : value));
            }
            case BOOLEAN:
                return XXH3.hashLong(values.getBoolean(row) ? 1 : 0);
            default: {
                Object value = values.getObject(row);
                return value instanceof String text ? XXH3.hashChars(text) : XXH3.hashLong(Values.hash(type, value));
            }
        }
    }

    @Override
    public void merge(LongHashSet target, LongHashSet source) {
        target.addAll(source);
    }

    @Override
    public StateKind kind() {
        return StateKind.APPROX_DISTINCT;
    }

    @Override
    public void write(Output out, LongHashSet state) {
        state.write(out);
    }

    @Override
    public void mergeWritten(LongHashSet target, Input in) {
        target.addWritten(in);
    }

    @Override
    public Object result(LongHashSet state) {
        return (long) state.size();
    }
}
