package io.tidemark.engine.query.aggregate;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.tidemark.engine.query.function.QueryFunctionException;
import io.tidemark.engine.query.vector.Storage;
import io.tidemark.engine.query.vector.ValueWire;
import io.tidemark.engine.query.vector.Values;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.sql.type.SqlType;
import io.tidemark.storage.serialization.KryoCounts;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Aggregates that pick input values: {@code arbitrary}/{@code any_value}, {@code min_by}/{@code
 * max_by} and the top-n forms {@code min(x, n)}, {@code max(x, n)}, {@code min_by(x, y, n)},
 * {@code max_by(x, y, n)}.
 */
final class SelectionAggregations {

    /** The largest n of the top-n forms, as Trino. */
    static final long MAX_SELECTED = 10_000;

    private SelectionAggregations() {
    }

    /**
     * A mutable slot for one chosen value and the key it was chosen by. {@link ExtremumBy} with a
     * LONG-stored key keeps the key primitive, and a LONG-, DOUBLE- or BOOLEAN-stored value
     * primitive too ({@code primitive} says which), boxed only when read: over time-ordered rows
     * {@code max_by(x, time)} chooses every row, and boxing each was most of its cost.
     */
    static final class Choice {
        boolean chosen;
        Object value;
        Object key;
        long longKey;
        Storage primitive;
        long longValue;
        double doubleValue;
        boolean booleanValue;

        /** Takes row {@code row} of {@code values}: primitive unless null or object-stored. */
        void take(Vector values, int row) {
            if (values.isNull(row) || values.storage() == Storage.OBJECT) {
                primitive = null;
                value = values.get(row);
                return;
            }
            primitive = values.storage();
            switch (primitive) {
                case LONG:
                    longValue = values.getLong(row);
                    break;
                case DOUBLE:
                    doubleValue = values.getDouble(row);
                    break;
                default:
                    booleanValue = values.getBoolean(row);
                    break;
            }
        }

        Object value() {
            if (primitive == null) {
                return value;
            }
            switch (primitive) {
                case LONG:
                    return longValue;
                case DOUBLE:
                    return doubleValue;
                default:
                    return booleanValue;
            }
        }
    }

    /** {@code arbitrary(x)}: the first non-null value. */
    static final class Arbitrary implements ObjectAggregation<Choice> {
        private final SqlType type;

        Arbitrary(SqlType type) {
            this.type = type;
        }

        @Override
        public Choice newState() {
            return new Choice();
        }

        @Override
        public void add(Choice state, Vector[] arguments, int row) {
            if (!state.chosen && !arguments[0].isNull(row)) {
                state.value = arguments[0].get(row);
                state.chosen = true;
            }
        }

        @Override
        public void merge(Choice target, Choice source) {
            if (!target.chosen && source.chosen) {
                target.value = source.value;
                target.chosen = true;
            }
        }

        @Override
        public Object result(Choice state) {
            return state.value;
        }

        @Override
        public StateKind kind() {
            return StateKind.ARBITRARY;
        }

        /** {@code chosen <1> [value]} (a chosen value is never null). */
        @Override
        public void write(Output out, Choice state) {
            out.writeBoolean(state.chosen);
            if (state.chosen) {
                ValueWire.writeValue(out, type, state.value);
            }
        }

        @Override
        public void mergeWritten(Choice target, Input in) {
            if (in.readBoolean()) {
                Choice source = new Choice();
                source.value = ValueWire.readValue(in, type);
                source.chosen = true;
                merge(target, source);
            }
        }
    }

    /** {@code min_by(x, y)}/{@code max_by(x, y)}: x of the row with the least/greatest non-null y (the first such row on ties). */
    static final class ExtremumBy implements ObjectAggregation<Choice> {
        private final SqlType valueType;
        private final SqlType keyType;
        private final int direction;
        private final boolean longKeys;

        ExtremumBy(SqlType valueType, SqlType keyType, boolean max) {
            this.valueType = valueType;
            this.keyType = keyType;
            this.direction = max ? 1 : -1;
            this.longKeys = Storage.of(keyType) == Storage.LONG;
        }

        @Override
        public Choice newState() {
            return new Choice();
        }

        @Override
        public void add(Choice state, Vector[] arguments, int row) {
            if (arguments[1].isNull(row)) {
                return;
            }
            if (longKeys) {
                long key = arguments[1].getLong(row);
                if (!state.chosen || Long.compare(key, state.longKey) * direction > 0) {
                    state.longKey = key;
                    state.take(arguments[0], row);
                    state.chosen = true;
                }
            } else {
                offer(state, arguments[0].get(row), arguments[1].get(row));
            }
        }

        private void offer(Choice state, Object value, Object key) {
            if (!state.chosen || Values.compare(keyType, key, state.key) * direction > 0) {
                state.value = value;
                state.key = key;
                state.chosen = true;
            }
        }

        @Override
        public void merge(Choice target, Choice source) {
            if (!source.chosen) {
                return;
            }
            if (longKeys) {
                if (!target.chosen || Long.compare(source.longKey, target.longKey) * direction > 0) {
                    target.longKey = source.longKey;
                    target.primitive = source.primitive;
                    target.value = source.value;
                    target.longValue = source.longValue;
                    target.doubleValue = source.doubleValue;
                    target.booleanValue = source.booleanValue;
                    target.chosen = true;
                }
            } else {
                offer(target, source.value, source.key);
            }
        }

        @Override
        public Object result(Choice state) {
            return state.value();
        }

        @Override
        public StateKind kind() {
            return StateKind.EXTREMUM_BY;
        }

        /** {@code chosen <1>}, then when chosen {@code present <1> [value] key} (a chosen key is never null). */
        @Override
        public void write(Output out, Choice state) {
            out.writeBoolean(state.chosen);
            if (state.chosen) {
                ValueWire.writeNullable(out, valueType, state.value());
                ValueWire.writeValue(out, keyType, longKeys ? (Object) state.longKey : state.key);
            }
        }

        @Override
        public void mergeWritten(Choice target, Input in) {
            if (!in.readBoolean()) {
                return;
            }
            Choice source = new Choice();
            source.value = ValueWire.readNullable(in, valueType);
            Object key = ValueWire.readValue(in, keyType);
            if (longKeys) {
                source.longKey = (Long) key;
            } else {
                source.key = key;
            }
            source.chosen = true;
            merge(target, source);
        }
    }

    /** One candidate of a top-n: its ordering key, its value and its arrival number (ties keep arrival order). */
    record Ranked(Object key, Object value, long sequence) {
    }

    /** A bounded heap of the n best candidates, the worst at the head; n comes from the first row. */
    static final class TopState {
        long limit;
        long arrivals;
        PriorityQueue<Ranked> heap;
    }

    /**
     * The top-n forms: {@code min(x, n)}/{@code max(x, n)} (key and value are x) and
     * {@code min_by(x, y, n)}/{@code max_by(x, y, n)} (key y, value x); rows with a null key are
     * skipped; the result lists values best first.
     */
    static final class TopN implements ObjectAggregation<TopState> {
        private final String call;
        private final SqlType keyType;
        private final SqlType valueType;
        private final int keyIndex;
        private final int limitIndex;
        private final Comparator<Ranked> best;

        /** @param call the call as errors name it, e.g. {@code max(x, n)} */
        TopN(String call, SqlType keyType, SqlType valueType, boolean max, int keyIndex, int limitIndex) {
            this.call = call;
            this.keyType = keyType;
            this.valueType = valueType;
            this.keyIndex = keyIndex;
            this.limitIndex = limitIndex;
            Comparator<Ranked> byKey = (a, b) -> Values.compare(keyType, a.key(), b.key());
            this.best = (max ? byKey.reversed() : byKey).thenComparingLong(Ranked::sequence);
        }

        @Override
        public TopState newState() {
            TopState state = new TopState();
            state.heap = new PriorityQueue<>(best.reversed());
            return state;
        }

        @Override
        public void add(TopState state, Vector[] arguments, int row) {
            if (state.limit == 0) {
                state.limit = checkedLimit(arguments[limitIndex], row);
            }
            if (!arguments[keyIndex].isNull(row)) {
                offer(state, new Ranked(arguments[keyIndex].get(row), arguments[0].get(row), state.arrivals++));
            }
        }

        private long checkedLimit(Vector limits, int row) {
            if (limits.isNull(row)) {
                throw new QueryFunctionException("cannot compute " + call + ": n must not be null");
            }
            long limit = limits.getLong(row);
            if (limit <= 0 || limit > MAX_SELECTED) {
                throw new QueryFunctionException("cannot compute " + call + ": n must be a positive integer at most " + MAX_SELECTED + ", n=" + limit);
            }
            return limit;
        }

        private void offer(TopState state, Ranked candidate) {
            state.heap.add(candidate);
            if (state.heap.size() > state.limit) {
                state.heap.poll();
            }
        }

        @Override
        public void merge(TopState target, TopState source) {
            if (target.limit == 0) {
                target.limit = source.limit;
            }
            List<Ranked> ordered = new ArrayList<>(source.heap);
            ordered.sort(best);
            for (Ranked candidate : ordered) {
                offer(target, new Ranked(candidate.key(), candidate.value(), target.arrivals++));
            }
        }

        @Override
        public Object result(TopState state) {
            if (state.heap.isEmpty()) {
                return null;
            }
            List<Ranked> ranked = new ArrayList<>(state.heap);
            ranked.sort(best);
            List<Object> values = new ArrayList<>(ranked.size());
            for (Ranked candidate : ranked) {
                values.add(candidate.value());
            }
            return Collections.unmodifiableList(values);
        }

        @Override
        public StateKind kind() {
            return StateKind.TOP_N;
        }

        /**
         * {@code n <varlong> count <varint> (key present <1> [value])*}, the candidates best first (so
         * the reader's arrival numbers keep the order of ties).
         */
        @Override
        public void write(Output out, TopState state) {
            out.writeVarLong(state.limit, true);
            List<Ranked> ordered = new ArrayList<>(state.heap);
            ordered.sort(best);
            out.writeVarInt(ordered.size(), true);
            for (Ranked candidate : ordered) {
                ValueWire.writeValue(out, keyType, candidate.key());
                ValueWire.writeNullable(out, valueType, candidate.value());
            }
        }

        @Override
        public void mergeWritten(TopState target, Input in) {
            TopState source = newState();
            source.limit = in.readVarLong(true);
            if (source.limit <= 0 || source.limit > MAX_SELECTED) {
                throw new KryoException("cannot read aggregation state: " + call + " with n out of range, n=" + source.limit);
            }
            int count = KryoCounts.readCount(in, "aggregation state", "candidates");
            for (int i = 0; i < count; i++) {
                Object key = ValueWire.readValue(in, keyType);
                source.heap.add(new Ranked(key, ValueWire.readNullable(in, valueType), source.arrivals++));
            }
            merge(target, source);
        }
    }
}
