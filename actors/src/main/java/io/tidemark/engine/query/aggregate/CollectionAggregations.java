package io.tidemark.engine.query.aggregate;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.tidemark.engine.query.vector.ValueWire;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.sql.type.SqlType;
import io.tidemark.storage.serialization.KryoCounts;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Aggregates that collect their input: {@code array_agg}, {@code histogram}, {@code map_agg},
 * {@code multimap_agg}, {@code map_union} and Timestream's {@code create_time_series}. Maps keep
 * the order keys first arrived in; a group with nothing collected is null. A state crosses nodes as
 * the value it is (a list or a map, in {@link ValueWire}'s form, so in its order); a histogram as
 * its values with their counts.
 */
final class CollectionAggregations {

    private CollectionAggregations() {
    }

    /** Map keys compare with Java equality, so the two zeros of a double key are made one. */
    static Object mapKey(Object key) {
        return key instanceof Double d && d == 0.0 ? (Object) 0.0 : key;
    }

    /** A collecting aggregate whose state is a value of {@code stateType} (a list or a map), written as that value. */
    private abstract static class StateAsValue<S> implements ObjectAggregation<S> {
        private final StateKind kind;
        private final SqlType stateType;

        StateAsValue(StateKind kind, SqlType stateType) {
            this.kind = kind;
            this.stateType = stateType;
        }

        @Override
        public StateKind kind() {
            return kind;
        }

        @Override
        public void write(Output out, S state) {
            ValueWire.writeValue(out, stateType, state);
        }

        @Override
        @SuppressWarnings("unchecked")
        public void mergeWritten(S target, Input in) {
            merge(target, (S) ValueWire.readValue(in, stateType));
        }
    }

    /** {@code array_agg(x)}: every input, nulls included, in arrival order. */
    static final class ArrayAgg extends StateAsValue<List<Object>> {
        /** @param type {@code array(x)} */
        ArrayAgg(SqlType type) {
            super(StateKind.ARRAY_AGG, type);
        }

        @Override
        public List<Object> newState() {
            return new ArrayList<>();
        }

        @Override
        public void add(List<Object> state, Vector[] arguments, int row) {
            state.add(arguments[0].get(row));
        }

        @Override
        public void merge(List<Object> target, List<Object> source) {
            target.addAll(source);
        }

        @Override
        public Object result(List<Object> state) {
            return state.isEmpty() ? null : Collections.unmodifiableList(new ArrayList<>(state));
        }
    }

    /** {@code histogram(x)}: how many times each non-null value occurs. */
    static final class Histogram implements ObjectAggregation<Map<Object, long[]>> {
        private final SqlType type;

        Histogram(SqlType type) {
            this.type = type;
        }

        @Override
        public Map<Object, long[]> newState() {
            return new LinkedHashMap<>();
        }

        @Override
        public void add(Map<Object, long[]> state, Vector[] arguments, int row) {
            Object value = arguments[0].get(row);
            if (value != null) {
                state.computeIfAbsent(mapKey(value), k -> new long[1])[0]++;
            }
        }

        @Override
        public void merge(Map<Object, long[]> target, Map<Object, long[]> source) {
            source.forEach((key, count) -> target.computeIfAbsent(key, k -> new long[1])[0] += count[0]);
        }

        @Override
        public Object result(Map<Object, long[]> state) {
            if (state.isEmpty()) {
                return null;
            }
            Map<Object, Object> counts = new LinkedHashMap<>();
            state.forEach((key, count) -> counts.put(key, count[0]));
            return Collections.unmodifiableMap(counts);
        }

        @Override
        public StateKind kind() {
            return StateKind.HISTOGRAM;
        }

        /** {@code count <varint> (value count <varlong>)*}, in the order the values first arrived. */
        @Override
        public void write(Output out, Map<Object, long[]> state) {
            out.writeVarInt(state.size(), true);
            state.forEach((key, count) -> {
                ValueWire.writeValue(out, type, key);
                out.writeVarLong(count[0], true);
            });
        }

        @Override
        public void mergeWritten(Map<Object, long[]> target, Input in) {
            int count = KryoCounts.readCount(in, "aggregation state", "histogram values");
            Map<Object, long[]> source = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                source.put(ValueWire.readValue(in, type), new long[] {in.readVarLong(true)});
            }
            merge(target, source);
        }
    }

    /** {@code map_agg(k, v)}: a map of the first value seen for each non-null key. */
    static final class MapAgg extends StateAsValue<Map<Object, Object>> {
        /** @param type {@code map(k, v)} */
        MapAgg(SqlType type) {
            super(StateKind.FIRST_VALUE_MAP, type);
        }

        @Override
        public Map<Object, Object> newState() {
            return new LinkedHashMap<>();
        }

        @Override
        public void add(Map<Object, Object> state, Vector[] arguments, int row) {
            Object key = arguments[0].get(row);
            if (key != null) {
                Object normalized = mapKey(key);
                if (!state.containsKey(normalized)) {
                    state.put(normalized, arguments[1].get(row));
                }
            }
        }

        @Override
        public void merge(Map<Object, Object> target, Map<Object, Object> source) {
            source.forEach((key, value) -> {
                if (!target.containsKey(key)) {
                    target.put(key, value);
                }
            });
        }

        @Override
        public Object result(Map<Object, Object> state) {
            return state.isEmpty() ? null : Collections.unmodifiableMap(new LinkedHashMap<>(state));
        }
    }

    /** {@code map_union(m)}: the union of the non-null input maps; a key keeps the first value seen. */
    static final class MapUnion extends StateAsValue<Map<Object, Object>> {
        private final MapAgg entries;

        /** @param type the input maps' type */
        MapUnion(SqlType type) {
            super(StateKind.FIRST_VALUE_MAP, type);
            this.entries = new MapAgg(type);
        }

        @Override
        public Map<Object, Object> newState() {
            return entries.newState();
        }

        @Override
        public void add(Map<Object, Object> state, Vector[] arguments, int row) {
            Map<?, ?> map = (Map<?, ?>) arguments[0].get(row);
            if (map != null) {
                map.forEach((key, value) -> state.putIfAbsent(mapKey(key), value));
            }
        }

        @Override
        public void merge(Map<Object, Object> target, Map<Object, Object> source) {
            entries.merge(target, source);
        }

        @Override
        public Object result(Map<Object, Object> state) {
            return entries.result(state);
        }
    }

    /** {@code multimap_agg(k, v)}: each non-null key with the list of its values (nulls included). */
    static final class MultimapAgg extends StateAsValue<Map<Object, List<Object>>> {
        /** @param type {@code map(k, array(v))} */
        MultimapAgg(SqlType type) {
            super(StateKind.MULTIMAP_AGG, type);
        }

        @Override
        public Map<Object, List<Object>> newState() {
            return new LinkedHashMap<>();
        }

        @Override
        public void add(Map<Object, List<Object>> state, Vector[] arguments, int row) {
            Object key = arguments[0].get(row);
            if (key != null) {
                state.computeIfAbsent(mapKey(key), k -> new ArrayList<>()).add(arguments[1].get(row));
            }
        }

        @Override
        public void merge(Map<Object, List<Object>> target, Map<Object, List<Object>> source) {
            source.forEach((key, values) -> target.computeIfAbsent(key, k -> new ArrayList<>()).addAll(values));
        }

        @Override
        public Object result(Map<Object, List<Object>> state) {
            if (state.isEmpty()) {
                return null;
            }
            Map<Object, Object> out = new LinkedHashMap<>();
            state.forEach((key, values) -> out.put(key, Collections.unmodifiableList(new ArrayList<>(values))));
            return Collections.unmodifiableMap(out);
        }
    }

    /**
     * {@code create_time_series(time, value)}: the group's points sorted by time (points with a
     * null time or value are skipped; equal times keep their arrival order).
     */
    static final class CreateTimeSeries extends StateAsValue<List<List<Object>>> {
        private static final Comparator<List<Object>> BY_TIME = Comparator.comparingLong(point -> (Long) point.get(0));

        /** @param type {@code timeseries(v)} */
        CreateTimeSeries(SqlType type) {
            super(StateKind.CREATE_TIME_SERIES, type);
        }

        @Override
        public List<List<Object>> newState() {
            return new ArrayList<>();
        }

        @Override
        public void add(List<List<Object>> state, Vector[] arguments, int row) {
            if (!arguments[0].isNull(row) && !arguments[1].isNull(row)) {
                state.add(List.of(arguments[0].getLong(row), arguments[1].get(row)));
            }
        }

        @Override
        public void merge(List<List<Object>> target, List<List<Object>> source) {
            target.addAll(source);
        }

        @Override
        public Object result(List<List<Object>> state) {
            if (state.isEmpty()) {
                return null;
            }
            List<List<Object>> points = new ArrayList<>(state);
            points.sort(BY_TIME);
            return Collections.unmodifiableList(points);
        }
    }
}
