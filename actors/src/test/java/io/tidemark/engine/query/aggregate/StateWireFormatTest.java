package io.tidemark.engine.query.aggregate;

import static io.tidemark.sql.type.PrimitiveType.BIGINT;
import static io.tidemark.sql.type.PrimitiveType.DOUBLE;
import static io.tidemark.sql.type.PrimitiveType.TIMESTAMP;
import static io.tidemark.sql.type.PrimitiveType.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.tidemark.engine.query.fragment.remote.BatchWire;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.sql.type.ArrayType;
import io.tidemark.sql.type.MapType;
import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.sql.type.SqlType;
import io.tidemark.sql.type.TimeSeriesType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The wire forms of aggregation states are frozen: the kinds' ids are pinned, each kind's state
 * over fixed rows writes the bytes of {@code fixtures/aggregate-state-v1} and those bytes merge to
 * the one-pass result. Damaged bytes are refused with a {@link KryoException}: every truncation
 * of every fixture, counts larger than the bytes left (before anything is allocated for them),
 * bytes left over, an unknown kind; a state of another kind is refused by the receiving aggregate.
 */
class StateWireFormatTest {

    private static final long T0 = 1_700_000_000_000_000_000L;

    /** An aggregate call over one group's fixed rows. */
    record Sample(String name, String function, SqlType returnType, boolean distinct, Vector... arguments) {
        AggregateFunction bind() {
            return AggregateRun.bind(function, Arrays.stream(arguments).map(Vector::type).toList(), returnType, distinct);
        }

        int rows() {
            return arguments[0].size();
        }

        /** The state of one accumulator over the rows (group 0 of 1). */
        PartialState state() {
            Accumulator accumulator = bind().newAccumulator();
            accumulator.add(new int[rows()], 1, arguments, rows());
            return (PartialState) accumulator.intermediate(1)[0].getObject(0);
        }

        Object onePass() {
            return AggregateRun.onePass(bind(), new int[rows()], 1, arguments, rows()).get(0);
        }

        /** The result of merging {@code state} into a fresh accumulator. */
        Object merged(PartialState state) {
            Accumulator accumulator = bind().newAccumulator();
            accumulator.merge(new int[] {0}, 1, new Vector[] {Vector.ofObjects(PrimitiveType.UNKNOWN, new Object[] {state}, 1)}, 1);
            return accumulator.result(1).get(0);
        }
    }

    static List<Sample> samples() {
        return List.of(
                new Sample("ARBITRARY", "arbitrary", VARCHAR, false, AggregateRun.column(VARCHAR, null, "b", "a")),
                new Sample("EXTREMUM_BY", "max_by", DOUBLE, false, AggregateRun.column(DOUBLE, 1.5, null),
                        AggregateRun.column(TIMESTAMP, T0, T0 + 1)),
                new Sample("EXTREMUM_BY_VARCHAR_KEY", "min_by", BIGINT, false, AggregateRun.column(BIGINT, 7L, 8L),
                        AggregateRun.column(VARCHAR, "k", "j")),
                new Sample("TOP_N", "max_by", new ArrayType(VARCHAR), false, AggregateRun.column(VARCHAR, "a", "b", null),
                        AggregateRun.column(DOUBLE, 1.0, 2.0, 2.0), AggregateRun.column(BIGINT, 2L, 2L, 2L)),
                new Sample("APPROX_DISTINCT", "approx_distinct", BIGINT, false, AggregateRun.column(VARCHAR, "x", "y", "x", null)),
                new Sample("APPROX_PERCENTILE", "approx_percentile", new ArrayType(DOUBLE), false,
                        AggregateRun.column(DOUBLE, 3.0, 1.0, 2.0), AggregateRun.column(new ArrayType(DOUBLE), List.of(0.5, 0.9),
                        List.of(0.5, 0.9), List.of(0.5, 0.9))),
                new Sample("APPROX_PERCENTILE_NO_VALUES", "approx_percentile", DOUBLE, false, AggregateRun.column(DOUBLE, (Object) null),
                        AggregateRun.column(DOUBLE, 0.5)),
                new Sample("ARRAY_AGG", "array_agg", new ArrayType(BIGINT), false, AggregateRun.column(BIGINT, 1L, null, -2L)),
                new Sample("HISTOGRAM", "histogram", new MapType(VARCHAR, BIGINT), false, AggregateRun.column(VARCHAR, "a", "b", "a")),
                new Sample("FIRST_VALUE_MAP", "map_agg", new MapType(VARCHAR, DOUBLE), false, AggregateRun.column(VARCHAR, "a", "a", "b"),
                        AggregateRun.column(DOUBLE, 1.0, 2.0, null)),
                new Sample("MULTIMAP_AGG", "multimap_agg", new MapType(VARCHAR, new ArrayType(BIGINT)), false,
                        AggregateRun.column(VARCHAR, "a", "a", "b"), AggregateRun.column(BIGINT, 1L, null, 2L)),
                new Sample("CREATE_TIME_SERIES", "create_time_series", new TimeSeriesType(DOUBLE), false,
                        AggregateRun.column(TIMESTAMP, T0, T0 - 1), AggregateRun.column(DOUBLE, 1.0, 2.0)),
                new Sample("DISTINCT", "count", BIGINT, true, AggregateRun.column(VARCHAR, "a", "a", null, "b")));
    }

    @Test
    void kindIdsAreFrozen() {
        Map<StateKind, Integer> ids = new LinkedHashMap<>();
        for (StateKind kind : StateKind.values()) {
            ids.put(kind, kind.id());
            assertThat(StateKind.fromId(kind.id())).isEqualTo(kind);
        }
        assertThat(ids).containsExactly(Map.entry(StateKind.ARBITRARY, 1), Map.entry(StateKind.EXTREMUM_BY, 2),
                Map.entry(StateKind.TOP_N, 3), Map.entry(StateKind.APPROX_DISTINCT, 4), Map.entry(StateKind.APPROX_PERCENTILE, 5),
                Map.entry(StateKind.ARRAY_AGG, 6), Map.entry(StateKind.HISTOGRAM, 7), Map.entry(StateKind.FIRST_VALUE_MAP, 8),
                Map.entry(StateKind.MULTIMAP_AGG, 9), Map.entry(StateKind.CREATE_TIME_SERIES, 10), Map.entry(StateKind.DISTINCT, 11));
        for (int id : new int[] {0, 12, 255}) {
            assertThatThrownBy(() -> StateKind.fromId(id)).isInstanceOf(KryoException.class)
                    .hasMessageContaining("unknown aggregation state kind, id=" + id);
        }
    }

    @Test
    void everyKindHasAFixture() {
        assertThat(samples().stream().map(sample -> sample.state().kind()).distinct()).containsExactlyInAnyOrder(StateKind.values());
    }

    @Test
    void bytesMatchTheV1FixturesAndMergeToTheOnePassResult() throws IOException {
        for (Sample sample : samples()) {
            PartialState state = sample.state();
            String actual = HexFormat.of().formatHex(state.bytes());
            String expected = fixture(sample.name(), actual);
            assertThat(actual).as("bytes of %s changed: nodes of different versions would no longer merge each other's"
                    + " states", sample.name()).isEqualTo(expected);
            PartialState written = PartialState.written(state.kind(), HexFormat.of().parseHex(expected));
            assertThat(sample.merged(written)).as(sample.name()).isEqualTo(sample.onePass());
        }
    }

    @Test
    void everyTruncationOfEveryFixtureIsRefused() {
        for (Sample sample : samples()) {
            PartialState state = sample.state();
            byte[] bytes = state.bytes();
            for (int length = 0; length < bytes.length; length++) {
                PartialState truncated = PartialState.written(state.kind(), Arrays.copyOf(bytes, length));
                assertThatThrownBy(() -> sample.merged(truncated)).as("%s cut to %d of %d bytes", sample.name(), length, bytes.length)
                        .isInstanceOf(KryoException.class);
            }
        }
    }

    @Test
    void bytesLeftOverAndAStateOfAnotherKindAreRefused() {
        Sample arrayAgg = samples().get(7);
        byte[] bytes = arrayAgg.state().bytes();
        PartialState longer = PartialState.written(StateKind.ARRAY_AGG, Arrays.copyOf(bytes, bytes.length + 1));
        assertThatThrownBy(() -> arrayAgg.merged(longer)).isInstanceOf(KryoException.class)
                .hasMessageContaining("bytes left over, kind=ARRAY_AGG");
        PartialState other = PartialState.written(StateKind.HISTOGRAM, bytes);
        assertThatThrownBy(() -> arrayAgg.merged(other)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot merge aggregation state: kind=HISTOGRAM, aggregate expects ARRAY_AGG");
    }

    /** Each counted field of a state: the bytes before its count, then a count of a million and three bytes. */
    static Stream<Arguments> counts() {
        Sample topN = samples().get(3);
        Sample percentile = samples().get(5);
        return Stream.of(
                Arguments.of("candidates", topN, (Consumer<Output>) out -> out.writeVarLong(2, true)),
                Arguments.of("distinct hashes", samples().get(4), (Consumer<Output>) out -> { }),
                Arguments.of("percentiles", percentile, (Consumer<Output>) out -> {
                    out.writeBoolean(true);
                    out.writeDouble(100);
                }),
                Arguments.of("centroids", percentile, (Consumer<Output>) out -> {
                    out.writeBoolean(true);
                    out.writeDouble(100);
                    out.writeVarInt(0, true);
                }),
                Arguments.of("array elements", samples().get(7), (Consumer<Output>) out -> { }),
                Arguments.of("histogram values", samples().get(8), (Consumer<Output>) out -> { }),
                Arguments.of("map entries", samples().get(9), (Consumer<Output>) out -> { }),
                Arguments.of("timeseries points", samples().get(11), (Consumer<Output>) out -> { }),
                Arguments.of("distinct tuples", samples().get(12), (Consumer<Output>) out -> { }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("counts")
    void refusesACountLargerThanTheBytesLeft(String field, Sample sample, Consumer<Output> before) {
        Output out = new Output(64, -1);
        before.accept(out);
        out.writeVarInt(1_000_000, true);
        out.writeBytes(new byte[] {1, 2, 3});
        PartialState state = PartialState.written(sample.state().kind(), out.toBytes());
        assertThatThrownBy(() -> sample.merged(state)).isInstanceOf(KryoException.class)
                .hasMessageContaining("count exceeds payload").hasMessageContaining(field);
    }

    @Test
    void outOfRangeParametersAreRefused() {
        Output compression = new Output(16, -1);
        compression.writeBoolean(true);
        compression.writeDouble(1e9);
        assertThatThrownBy(() -> samples().get(5).merged(PartialState.written(StateKind.APPROX_PERCENTILE, compression.toBytes())))
                .isInstanceOf(KryoException.class).hasMessageContaining("t-digest compression out of range, compression=1.0E9");
        Output n = new Output(16, -1);
        n.writeVarLong(10_001, true);
        n.writeVarInt(0, true);
        assertThatThrownBy(() -> samples().get(3).merged(PartialState.written(StateKind.TOP_N, n.toBytes())))
                .isInstanceOf(KryoException.class).hasMessageContaining("with n out of range, n=10001");
    }

    @Test
    void aBatchColumnOfStatesRefusesAnUnknownKindALengthPastThePayloadAndAValueThatIsNoState() {
        // columns 1, rows 1, type UNKNOWN (11), no nulls, then the state: kind 99
        assertThatThrownBy(() -> BatchWire.read(new Input(new byte[] {1, 1, 11, 0, 99, 0}))).isInstanceOf(KryoException.class)
                .hasMessageContaining("unknown aggregation state kind, id=99");
        // kind ARRAY_AGG, length 100, 1 byte
        assertThatThrownBy(() -> BatchWire.read(new Input(new byte[] {1, 1, 11, 0, 6, 100, 0}))).isInstanceOf(KryoException.class)
                .hasMessageContaining("count exceeds payload, field=state bytes");
        Batch notAState = new Batch(List.of(Vector.ofObjects(PrimitiveType.UNKNOWN, new Object[] {"text"}, 1)), 1);
        assertThatThrownBy(() -> BatchWire.write(new Output(16, -1), notAState)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot send a value of type unknown across nodes: class=java.lang.String");
    }

    @Test
    void aColumnOfNullsOfTypeUnknownCrosses() {
        Batch nulls = new Batch(List.of(Vector.nulls(PrimitiveType.UNKNOWN, 3)), 3);
        Output out = new Output(16, -1);
        BatchWire.write(out, nulls);
        Batch back = BatchWire.read(new Input(out.toBytes()));
        assertThat(back.column(0).type()).isEqualTo(PrimitiveType.UNKNOWN);
        assertThat(List.of(back.column(0).isNull(0), back.column(0).isNull(1), back.column(0).isNull(2))).containsOnly(true);
    }

    private static String fixture(String name, String actual) throws IOException {
        try (InputStream in = StateWireFormatTest.class.getResourceAsStream("/fixtures/aggregate-state-v1/" + name + ".hex")) {
            assertThat(in).as("fixture for " + name + ", today's bytes: " + actual).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
        }
    }
}
