package io.tidemark.engine.query.function;

import static io.tidemark.engine.query.function.FunctionCalls.apply;
import static io.tidemark.engine.query.function.FunctionCalls.arg;
import static io.tidemark.engine.query.function.FunctionCalls.call;
import static io.tidemark.engine.query.function.FunctionCalls.list;
import static io.tidemark.engine.query.function.FunctionCalls.vector;
import static io.tidemark.sql.type.PrimitiveType.BIGINT;
import static io.tidemark.sql.type.PrimitiveType.DOUBLE;
import static io.tidemark.sql.type.PrimitiveType.UNKNOWN;
import static io.tidemark.sql.type.PrimitiveType.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.engine.query.vector.Vector;
import io.tidemark.sql.type.ArrayType;
import io.tidemark.sql.type.MapType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MapFunctionsTest {

    private static final MapType STRING_TO_BIGINT = new MapType(VARCHAR, BIGINT);

    private static Map<Object, Object> map(Object... keysAndValues) {
        Map<Object, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    @Test
    void mapFromKeyAndValueArrays() {
        Object built = call("map", STRING_TO_BIGINT, arg(new ArrayType(VARCHAR), list("a", "b")), arg(new ArrayType(BIGINT), list(1L, null)));
        assertThat(built).isEqualTo(map("a", 1L, "b", null));
        assertThat(List.copyOf(((Map<?, ?>) built).keySet())).isEqualTo(List.of("a", "b"));
        assertThatThrownBy(() -> call("map", STRING_TO_BIGINT, arg(new ArrayType(VARCHAR), list("a", "a")), arg(new ArrayType(BIGINT), list(1L, 2L))))
                .isInstanceOf(QueryFunctionException.class).hasMessage("Duplicate map keys (a) are not allowed");
        assertThatThrownBy(() -> call("map", STRING_TO_BIGINT, arg(new ArrayType(VARCHAR), list("a")), arg(new ArrayType(BIGINT), list(1L, 2L))))
                .hasMessage("Key and value arrays must be the same length");
        assertThatThrownBy(() -> call("map", STRING_TO_BIGINT, arg(new ArrayType(VARCHAR), list((Object) null)), arg(new ArrayType(BIGINT), list(1L))))
                .hasMessage("map key cannot be null");
        MapType doubleKeys = new MapType(DOUBLE, BIGINT);
        assertThatThrownBy(() -> call("map", doubleKeys, arg(new ArrayType(DOUBLE), list(0.0, -0.0)), arg(new ArrayType(BIGINT), list(1L, 2L))))
                .hasMessage("Duplicate map keys (-0.0) are not allowed");
    }

    @Test
    void emptyMapOnEveryRow() {
        Vector empty = apply("map", new MapType(UNKNOWN, UNKNOWN), 2, new Vector[0]);
        assertThat(empty.get(0)).isEqualTo(map());
        assertThat(empty.get(1)).isEqualTo(map());
    }

    @Test
    void keysValuesCardinalityAndElementAt() {
        Map<Object, Object> map = map("x", 1L, "y", 2L);
        assertThat(call("map_keys", new ArrayType(VARCHAR), arg(STRING_TO_BIGINT, map))).isEqualTo(list("x", "y"));
        assertThat(call("map_values", new ArrayType(BIGINT), arg(STRING_TO_BIGINT, map))).isEqualTo(list(1L, 2L));
        Vector sizes = apply("cardinality", BIGINT, 2, vector(STRING_TO_BIGINT, map, null));
        assertThat(sizes.get(0)).isEqualTo(2L);
        assertThat(sizes.isNull(1)).isTrue();
        assertThat(call("element_at", BIGINT, arg(STRING_TO_BIGINT, map), arg(VARCHAR, "y"))).isEqualTo(2L);
        assertThat(call("element_at", BIGINT, arg(STRING_TO_BIGINT, map), arg(VARCHAR, "z"))).isNull();
        MapType doubleKeys = new MapType(DOUBLE, VARCHAR);
        assertThat(call("element_at", VARCHAR, arg(doubleKeys, map(0.0, "zero")), arg(DOUBLE, -0.0))).isEqualTo("zero");
    }

    @Test
    void concatLetsLaterMapsWin() {
        Object merged = call("map_concat", STRING_TO_BIGINT, arg(STRING_TO_BIGINT, map("a", 1L, "b", 2L)), arg(STRING_TO_BIGINT, map("b", 3L, "c", 4L)));
        assertThat(merged).isEqualTo(map("a", 1L, "b", 3L, "c", 4L));
        assertThat(call("map_concat", STRING_TO_BIGINT, arg(STRING_TO_BIGINT, map("a", 1L)), arg(STRING_TO_BIGINT, null))).isNull();
    }
}
