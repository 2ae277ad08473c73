package io.tidemark.engine.query.function;

import static io.tidemark.engine.query.function.FunctionCalls.apply;
import static io.tidemark.engine.query.function.FunctionCalls.arg;
import static io.tidemark.engine.query.function.FunctionCalls.call;
import static io.tidemark.engine.query.function.FunctionCalls.list;
import static io.tidemark.engine.query.function.FunctionCalls.vector;
import static io.tidemark.sql.type.PrimitiveType.BIGINT;
import static io.tidemark.sql.type.PrimitiveType.BOOLEAN;
import static io.tidemark.sql.type.PrimitiveType.DATE;
import static io.tidemark.sql.type.PrimitiveType.DOUBLE;
import static io.tidemark.sql.type.PrimitiveType.INTERVAL_DAY_TO_SECOND;
import static io.tidemark.sql.type.PrimitiveType.INTERVAL_YEAR_TO_MONTH;
import static io.tidemark.sql.type.PrimitiveType.TIMESTAMP;
import static io.tidemark.sql.type.PrimitiveType.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.engine.query.vector.Vector;
import io.tidemark.sql.type.ArrayType;
import io.tidemark.sql.type.RowType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArrayFunctionsTest {

    private static final ArrayType BIGINTS = new ArrayType(BIGINT);
    private static final ArrayType DOUBLES = new ArrayType(DOUBLE);
    private static final ArrayType STRINGS = new ArrayType(VARCHAR);
    private static final long HOUR = 3_600_000_000_000L;

    @Test
    void cardinalityAndElementAt() {
        Vector arrays = vector(BIGINTS, list(1L, 2L, 3L), null, list());
        Vector sizes = apply("cardinality", BIGINT, 3, arrays);
        assertThat(sizes.get(0)).isEqualTo(3L);
        assertThat(sizes.isNull(1)).isTrue();
        assertThat(sizes.get(2)).isEqualTo(0L);
        assertThat(call("element_at", BIGINT, arg(BIGINTS, list(1L, 2L, 3L)), arg(BIGINT, 1L))).isEqualTo(1L);
        assertThat(call("element_at", BIGINT, arg(BIGINTS, list(1L, 2L, 3L)), arg(BIGINT, -1L))).isEqualTo(3L);
        assertThat(call("element_at", BIGINT, arg(BIGINTS, list(1L, 2L, 3L)), arg(BIGINT, 4L))).isNull();
        assertThat(call("element_at", BIGINT, arg(BIGINTS, list(1L, 2L, 3L)), arg(BIGINT, -4L))).isNull();
        assertThatThrownBy(() -> call("element_at", BIGINT, arg(BIGINTS, list(1L)), arg(BIGINT, 0L))).isInstanceOf(QueryFunctionException.class)
                .hasMessage("SQL array indices start at 1");
    }

    @Test
    void containsAndPositionFollowThreeValuedLogic() {
        assertThat(call("contains", BOOLEAN, arg(BIGINTS, list(1L, 2L)), arg(BIGINT, 2L))).isEqualTo(true);
        assertThat(call("contains", BOOLEAN, arg(BIGINTS, list(1L, 2L)), arg(BIGINT, 3L))).isEqualTo(false);
        assertThat(call("contains", BOOLEAN, arg(BIGINTS, list(1L, null)), arg(BIGINT, 3L))).isNull();
        assertThat(call("contains", BOOLEAN, arg(BIGINTS, list(1L, null)), arg(BIGINT, 1L))).isEqualTo(true);
        assertThat(call("contains", BOOLEAN, arg(BIGINTS, list(1L)), arg(BIGINT, null))).isNull();
        assertThat(call("contains", BOOLEAN, arg(DOUBLES, list(-0.0)), arg(DOUBLE, 0.0))).isEqualTo(true);
        assertThat(call("array_position", BIGINT, arg(STRINGS, list("a", null, "b", "b")), arg(VARCHAR, "b"))).isEqualTo(3L);
        assertThat(call("array_position", BIGINT, arg(STRINGS, list("a")), arg(VARCHAR, "z"))).isEqualTo(0L);
    }

    @Test
    void removeKeepsNullsAndOtherElements() {
        assertThat(call("array_remove", BIGINTS, arg(BIGINTS, list(1L, null, 2L, 1L)), arg(BIGINT, 1L))).isEqualTo(list(null, 2L));
    }

    @Test
    void maxMinAndSort() {
        assertThat(call("array_max", BIGINT, arg(BIGINTS, list(3L, 9L, 1L)))).isEqualTo(9L);
        assertThat(call("array_min", BIGINT, arg(BIGINTS, list(3L, 9L, 1L)))).isEqualTo(1L);
        assertThat(call("array_max", BIGINT, arg(BIGINTS, list(3L, null)))).isNull();
        assertThat(call("array_min", VARCHAR, arg(STRINGS, list()))).isNull();
        assertThat(call("array_max", DOUBLE, arg(DOUBLES, list(Double.NaN, 2.0, 1.0)))).isEqualTo(2.0);
        assertThat(call("array_min", DOUBLE, arg(DOUBLES, list(1.0, Double.NaN)))).isEqualTo(1.0);
        assertThat(call("array_max", DOUBLE, arg(DOUBLES, list(Double.NaN)))).isEqualTo(Double.NaN);
        assertThat(call("array_sort", BIGINTS, arg(BIGINTS, list(3L, null, 1L, 2L)))).isEqualTo(list(1L, 2L, 3L, null));
        assertThat(call("array_sort", DOUBLES, arg(DOUBLES, list(Double.NaN, 1.0, Double.NEGATIVE_INFINITY))))
                .isEqualTo(list(Double.NEGATIVE_INFINITY, 1.0, Double.NaN));
    }

    @Test
    void joinPrintsElementsAndSkipsOrReplacesNulls() {
        assertThat(call("array_join", VARCHAR, arg(BIGINTS, list(1L, null, 3L)), arg(VARCHAR, ", "))).isEqualTo("1, 3");
        assertThat(call("array_join", VARCHAR, arg(BIGINTS, list(1L, null, 3L)), arg(VARCHAR, ","), arg(VARCHAR, "n/a"))).isEqualTo("1,n/a,3");
        assertThat(call("array_join", VARCHAR, arg(DOUBLES, list(2.5, 35.0)), arg(VARCHAR, "|"))).isEqualTo("2.5|35.0");
        long stamp = Instant.parse("2022-07-07T17:42:32.939Z").getEpochSecond() * 1_000_000_000L + 939_000_000L;
        assertThat(call("array_join", VARCHAR, arg(new ArrayType(TIMESTAMP), list(stamp)), arg(VARCHAR, ",")))
                .isEqualTo("2022-07-07 17:42:32.939000000");
        assertThat(call("array_join", VARCHAR, arg(new ArrayType(DATE), list(LocalDate.of(2022, 7, 7).toEpochDay())), arg(VARCHAR, ",")))
                .isEqualTo("2022-07-07");
    }

    @Test
    void reverseShuffleSliceRepeatFlatten() {
        assertThat(call("reverse", BIGINTS, arg(BIGINTS, list(1L, 2L, 3L)))).isEqualTo(list(3L, 2L, 1L));
        assertThat(FunctionCalls.listOf(call("shuffle", BIGINTS, arg(BIGINTS, list(1L, 2L, 3L, 4L))))).containsExactlyInAnyOrderElementsOf(list(1L, 2L, 3L, 4L));
        List<Object> five = list(1L, 2L, 3L, 4L, 5L);
        assertThat(call("slice", BIGINTS, arg(BIGINTS, five), arg(BIGINT, 2L), arg(BIGINT, 2L))).isEqualTo(list(2L, 3L));
        assertThat(call("slice", BIGINTS, arg(BIGINTS, five), arg(BIGINT, -2L), arg(BIGINT, 5L))).isEqualTo(list(4L, 5L));
        assertThat(call("slice", BIGINTS, arg(BIGINTS, five), arg(BIGINT, 9L), arg(BIGINT, 1L))).isEqualTo(list());
        assertThat(call("slice", BIGINTS, arg(BIGINTS, five), arg(BIGINT, -9L), arg(BIGINT, 1L))).isEqualTo(list());
        assertThatThrownBy(() -> call("slice", BIGINTS, arg(BIGINTS, five), arg(BIGINT, 0L), arg(BIGINT, 1L)))
                .hasMessage("SQL array indices start at 1");
        assertThatThrownBy(() -> call("slice", BIGINTS, arg(BIGINTS, five), arg(BIGINT, 1L), arg(BIGINT, -1L)))
                .hasMessage("length must be greater than or equal to 0");
        assertThat(call("repeat", BIGINTS, arg(BIGINT, 7L), arg(BIGINT, 3L))).isEqualTo(list(7L, 7L, 7L));
        assertThat(call("repeat", BIGINTS, arg(BIGINT, null), arg(BIGINT, 2L))).isEqualTo(list(null, null));
        assertThat(call("repeat", BIGINTS, arg(BIGINT, 1L), arg(BIGINT, null))).isNull();
        assertThatThrownBy(() -> call("repeat", BIGINTS, arg(BIGINT, 1L), arg(BIGINT, -1L)))
                .hasMessage("count argument of repeat function must be greater than or equal to 0");
        assertThatThrownBy(() -> call("repeat", BIGINTS, arg(BIGINT, 1L), arg(BIGINT, 10_001L)))
                .hasMessage("count argument of repeat function must be less than or equal to 10000");
        assertThat(call("flatten", BIGINTS, arg(new ArrayType(BIGINTS), list(list(1L), null, list(2L, 3L))))).isEqualTo(list(1L, 2L, 3L));
    }

    @Test
    void zipPadsTheShorterArraysWithNulls() {
        ArrayType rows = new ArrayType(new RowType(List.of(RowType.Field.named("f0", BIGINT), RowType.Field.named("f1", VARCHAR))));
        assertThat(call("zip", rows, arg(BIGINTS, list(1L, 2L)), arg(STRINGS, list("a"))))
                .isEqualTo(list(list(1L, "a"), list(2L, null)));
    }

    @Test
    void concatOfArraysAndOfAnArrayWithAnElement() {
        assertThat(call("concat", BIGINTS, arg(BIGINTS, list(1L)), arg(BIGINTS, list(2L, 3L)), arg(BIGINTS, list()))).isEqualTo(list(1L, 2L, 3L));
        assertThat(call("concat", BIGINTS, arg(BIGINTS, list(1L)), arg(BIGINTS, null))).isNull();
        assertThat(call("concat", BIGINTS, arg(BIGINTS, list(1L)), arg(BIGINT, 2L))).isEqualTo(list(1L, 2L));
        assertThat(call("concat", BIGINTS, arg(BIGINT, 0L), arg(BIGINTS, list(1L)))).isEqualTo(list(0L, 1L));
        assertThat(call("concat", BIGINTS, arg(BIGINTS, list(1L)), arg(BIGINT, null))).isEqualTo(list(1L, null));
        assertThat(FunctionCalls.REGISTRY.bind(new BoundSignature("concat", List.of(VARCHAR, VARCHAR), VARCHAR)))
                .as("varchar concat belongs to the string family").isEmpty();
    }

    @Test
    void setOperationsKeepFirstAppearanceOrder() {
        assertThat(call("array_distinct", BIGINTS, arg(BIGINTS, list(3L, 1L, 3L, null, 1L, null)))).isEqualTo(list(3L, 1L, null));
        assertThat(call("array_distinct", DOUBLES, arg(DOUBLES, list(0.0, -0.0, Double.NaN, Double.NaN)))).isEqualTo(list(0.0, Double.NaN));
        assertThat(call("array_union", BIGINTS, arg(BIGINTS, list(1L, 2L, 1L)), arg(BIGINTS, list(3L, 2L)))).isEqualTo(list(1L, 2L, 3L));
        assertThat(call("array_intersect", BIGINTS, arg(BIGINTS, list(4L, 1L, 2L, 1L, null)), arg(BIGINTS, list(2L, 1L, null))))
                .isEqualTo(list(1L, 2L, null));
        assertThat(call("array_except", BIGINTS, arg(BIGINTS, list(1L, 2L, 2L, 3L)), arg(BIGINTS, list(3L)))).isEqualTo(list(1L, 2L));
        assertThat(call("arrays_overlap", BOOLEAN, arg(BIGINTS, list(1L, 2L)), arg(BIGINTS, list(2L, 3L)))).isEqualTo(true);
        assertThat(call("arrays_overlap", BOOLEAN, arg(BIGINTS, list(1L, null)), arg(BIGINTS, list(2L)))).isNull();
        assertThat(call("arrays_overlap", BOOLEAN, arg(BIGINTS, list(1L)), arg(BIGINTS, list(2L)))).isEqualTo(false);
        ArrayType nested = new ArrayType(BIGINTS);
        assertThat(call("array_distinct", nested, arg(nested, list(list(1L, 2L), list(1L, 2L), list(2L))))).isEqualTo(list(list(1L, 2L), list(2L)));
    }

    @Test
    void sequencesOfBigints() {
        assertThat(call("sequence", BIGINTS, arg(BIGINT, 1L), arg(BIGINT, 4L))).isEqualTo(list(1L, 2L, 3L, 4L));
        assertThat(call("sequence", BIGINTS, arg(BIGINT, 3L), arg(BIGINT, 1L))).isEqualTo(list(3L, 2L, 1L));
        assertThat(call("sequence", BIGINTS, arg(BIGINT, 0L), arg(BIGINT, 10L), arg(BIGINT, 4L))).isEqualTo(list(0L, 4L, 8L));
        assertThat(call("sequence", BIGINTS, arg(BIGINT, 5L), arg(BIGINT, 5L), arg(BIGINT, -1L))).isEqualTo(list(5L));
        assertThatThrownBy(() -> call("sequence", BIGINTS, arg(BIGINT, 1L), arg(BIGINT, 5L), arg(BIGINT, 0L))).hasMessage("step must not be zero");
        assertThatThrownBy(() -> call("sequence", BIGINTS, arg(BIGINT, 1L), arg(BIGINT, 5L), arg(BIGINT, -1L)))
                .hasMessageStartingWith("sequence stop value should be greater than or equal to start value if step is greater than zero");
        assertThatThrownBy(() -> call("sequence", BIGINTS, arg(BIGINT, 1L), arg(BIGINT, 10_001L)))
                .hasMessage("result of sequence function must not have more than 10000 entries");
        assertThat((List<?>) call("sequence", BIGINTS, arg(BIGINT, 1L), arg(BIGINT, 10_000L))).hasSize(10_000);
        assertThatThrownBy(() -> call("sequence", BIGINTS, arg(BIGINT, Long.MIN_VALUE), arg(BIGINT, Long.MAX_VALUE)))
                .hasMessage("result of sequence function must not have more than 10000 entries");
    }

    @Test
    void sequencesOfDatesAndTimestamps() {
        ArrayType dates = new ArrayType(DATE);
        ArrayType timestamps = new ArrayType(TIMESTAMP);
        long day = LocalDate.of(2024, 1, 30).toEpochDay();
        assertThat(call("sequence", dates, arg(DATE, day), arg(DATE, day + 2))).isEqualTo(list(day, day + 1, day + 2));
        assertThat(call("sequence", dates, arg(DATE, day), arg(DATE, day - 1))).isEqualTo(list(day, day - 1));
        assertThat(call("sequence", dates, arg(DATE, day), arg(DATE, day + 4), arg(INTERVAL_DAY_TO_SECOND, 2 * 24 * HOUR)))
                .isEqualTo(list(day, day + 2, day + 4));
        assertThatThrownBy(() -> call("sequence", dates, arg(DATE, day), arg(DATE, day + 4), arg(INTERVAL_DAY_TO_SECOND, HOUR)))
                .hasMessage("sequence step must be a day interval if start and end values are dates");
        assertThat(call("sequence", dates, arg(DATE, day), arg(DATE, LocalDate.of(2024, 4, 30).toEpochDay()), arg(INTERVAL_YEAR_TO_MONTH, 1L)))
                .isEqualTo(list(day, LocalDate.of(2024, 2, 29).toEpochDay(), LocalDate.of(2024, 3, 30).toEpochDay(), LocalDate.of(2024, 4, 30).toEpochDay()));
        long start = Instant.parse("2024-01-31T10:00:00Z").getEpochSecond() * 1_000_000_000L;
        assertThat(call("sequence", timestamps, arg(TIMESTAMP, start), arg(TIMESTAMP, start + 3 * HOUR), arg(INTERVAL_DAY_TO_SECOND, HOUR)))
                .isEqualTo(list(start, start + HOUR, start + 2 * HOUR, start + 3 * HOUR));
        assertThat(call("sequence", timestamps, arg(TIMESTAMP, start), arg(TIMESTAMP, start + 40 * 24 * HOUR), arg(INTERVAL_YEAR_TO_MONTH, 1L)))
                .isEqualTo(list(start, Instant.parse("2024-02-29T10:00:00Z").getEpochSecond() * 1_000_000_000L));
        assertThat(call("sequence", timestamps, arg(TIMESTAMP, start), arg(TIMESTAMP, start - 24 * HOUR), arg(INTERVAL_DAY_TO_SECOND, -12 * HOUR)))
                .isEqualTo(list(start, start - 12 * HOUR, start - 24 * HOUR));
    }
}
