package io.tidemark.engine.query.function;

import static io.tidemark.sql.type.PrimitiveType.BIGINT;

import io.tidemark.engine.query.vector.Values;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.sql.type.ArrayType;
import io.tidemark.sql.type.MapType;
import io.tidemark.sql.type.SqlType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Map functions: {@code map()}, {@code map(keys, values)}, {@code map_keys}, {@code map_values},
 * {@code map_concat}, {@code cardinality} and {@code element_at} of a map ({@code map_filter} is a
 * lambda function). Maps are insertion-ordered {@link Map}s whose keys are never null and unique
 * under SQL equality ({@link Values#equal}).
 */
public final class MapFunctions implements FunctionGroup {

    @Override
    public void register(ScalarFunctionRegistry.Builder registry) {
        registry.add("map", signature -> {
            if (signature.argumentTypes().isEmpty()) {
                return (arguments, rowCount, context) -> Vector.ofObjects(signature.returnType(),
                        emptyMaps(rowCount), rowCount);
            }
            if (!ArgumentTypes.count(signature, 2) || !(signature.returnType() instanceof MapType type)
                    || !signature.argumentTypes().equals(List.of(new ArrayType(type.keyType()), new ArrayType(type.valueType())))) {
                return null;
            }
            return FunctionSupport.rowWise(type, row -> fromArrays(type.keyType(), (List<?>) row[0], (List<?>) row[1]));
        });
        registry.add("map_keys", signature -> mapArgument(signature, 1) == null ? null
                : FunctionSupport.rowWise(signature.returnType(), row -> new ArrayList<>(((Map<?, ?>) row[0]).keySet())));
        registry.add("map_values", signature -> mapArgument(signature, 1) == null ? null
                : FunctionSupport.rowWise(signature.returnType(), row -> new ArrayList<>(((Map<?, ?>) row[0]).values())));
        registry.add("cardinality", signature -> mapArgument(signature, 1) == null ? null
                : (arguments, rowCount, context) -> {
                    Object[] maps = arguments[0].objects();
                    return NumericLoops.longsByRow(BIGINT, row -> ((Map<?, ?>) maps[row]).size(), rowCount, arguments[0].nullMask());
                });
        registry.add("element_at", signature -> {
            MapType type = mapArgument(signature, 2);
            return type == null || !signature.argumentTypes().get(1).equals(type.keyType()) ? null
                    : FunctionSupport.rowWise(type.valueType(), row -> get(type.keyType(), (Map<?, ?>) row[0], row[1]));
        });
        registry.add("map_concat", signature -> {
            if (signature.argumentTypes().isEmpty() || !(signature.returnType() instanceof MapType type)
                    || !signature.argumentTypes().stream().allMatch(type::equals)) {
                return null;
            }
            return FunctionSupport.rowWise(type, row -> {
                Map<Object, Object> union = new LinkedHashMap<>();
                for (Object map : row) {
                    ((Map<?, ?>) map).forEach((key, value) -> union.put(key(type.keyType(), union, key), value));
                }
                return union;
            });
        });
    }

    /** {@code map(keys, values)} with Trino's checks. */
    static Map<Object, Object> fromArrays(SqlType keyType, List<?> keys, List<?> values) {
        if (keys.size() != values.size()) {
            throw new QueryFunctionException("Key and value arrays must be the same length");
        }
        Map<Object, Object> map = new LinkedHashMap<>();
        ArraySetFunctions.ElementSet seen = new ArraySetFunctions.ElementSet(keyType);
        for (int i = 0; i < keys.size(); i++) {
            Object key = keys.get(i);
            if (key == null) {
                throw new QueryFunctionException("map key cannot be null");
            }
            if (!seen.add(key)) {
                throw new QueryFunctionException("Duplicate map keys (" + key + ") are not allowed");
            }
            map.put(key, values.get(i));
        }
        return map;
    }

    /** The value under a key equal to {@code key} in SQL terms ({@code -0.0} finds {@code 0.0}), or null. */
    static Object get(SqlType keyType, Map<?, ?> map, Object key) {
        Object stored = map.containsKey(key) ? key : equalKey(keyType, map, key);
        return stored == null ? null : map.get(stored);
    }

    /** The key of {@code map} SQL-equal to {@code key}, or {@code key} itself when there is none. */
    private static Object key(SqlType keyType, Map<?, ?> map, Object key) {
        Object stored = map.containsKey(key) ? key : equalKey(keyType, map, key);
        return stored == null ? key : stored;
    }

    /** Java equality already matched strings and integers; doubles and nested values may be equal without being {@code equals}. */
    private static Object equalKey(SqlType keyType, Map<?, ?> map, Object key) {
        if (!(key instanceof Double) && !(key instanceof List<?>)) {
            return null;
        }
        for (Object candidate : map.keySet()) {
            if (Values.equal(keyType, candidate, key)) {
                return candidate;
            }
        }
        return null;
    }

    private static Object[] emptyMaps(int rowCount) {
        Object[] maps = new Object[rowCount];
        for (int i = 0; i < rowCount; i++) {
            maps[i] = new LinkedHashMap<>();
        }
        return maps;
    }

    private static MapType mapArgument(BoundSignature signature, int count) {
        return ArgumentTypes.count(signature, count) && signature.argumentTypes().get(0) instanceof MapType map ? map : null;
    }
}
