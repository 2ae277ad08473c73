package io.tidemark.engine.query.aggregate;

import io.tidemark.engine.query.vector.Vector;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Aggregates that collect their input: {@code array_agg}, {@code histogram}, {@code map_agg},
 * {@code multimap_agg}, {@code map_union} and Timestream's {@code create_time_series}. Maps keep
 * the order keys first arrived in; a group with nothing collected is null.
 */
final class CollectionAggregations {

    private CollectionAggregations() {
    }

    /** Map keys compare with Java equality, so the two zeros of a double key are made one. */
    static Object mapKey(Object key) {
        return key instanceof Double d && d == 0.0 ? (Object) 0.0 : key;
    }

    /** {@code array_agg(x)}: every input, nulls included, in arrival order. */
    static final class ArrayAgg implements ObjectAggregation<List<Object>> {
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
    }

    /** {@code map_agg(k, v)}: a map of the first value seen for each non-null key. */
    static final class MapAgg implements ObjectAggregation<Map<Object, Object>> {
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
    static final class MapUnion implements ObjectAggregation<Map<Object, Object>> {
        private final MapAgg entries = new MapAgg();

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
    static final class MultimapAgg implements ObjectAggregation<Map<Object, List<Object>>> {
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
    static final class CreateTimeSeries implements ObjectAggregation<List<List<Object>>> {
        private static final Comparator<List<Object>> BY_TIME = Comparator.comparingLong(point -> (Long) point.get(0));

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
