package io.tidemark.engine.query.aggregate;

import static io.tidemark.sql.type.PrimitiveType.BIGINT;
import static io.tidemark.sql.type.PrimitiveType.BOOLEAN;
import static io.tidemark.sql.type.PrimitiveType.DOUBLE;
import static io.tidemark.sql.type.PrimitiveType.TIMESTAMP;
import static io.tidemark.sql.type.PrimitiveType.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.tidemark.engine.query.fragment.remote.BatchWire;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.engine.query.vector.VectorBuilder;
import io.tidemark.engine.testing.RandomSqlValues;
import io.tidemark.sql.type.ArrayType;
import io.tidemark.sql.type.MapType;
import io.tidemark.sql.type.RowType;
import io.tidemark.sql.type.SqlType;
import io.tidemark.sql.type.TimeSeriesType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Every object-state aggregate's partial states survive the wire: rows cut into fragments, each
 * fragment's intermediate written with {@link BatchWire} and read back, then merged in fragment
 * order, give exactly (bit for bit, in the same order) what merging the fragments' live states
 * gives — including groups a fragment never saw (null states), null values, states of every
 * {@link StateKind}, and approx_percentile digests large enough to compress. A state read off the
 * wire is written again as the same bytes (a node forwarding it changes nothing).
 */
class StateWireRoundTripTest {

    private static final RowType ROW = new RowType(List.of(RowType.Field.named("t", TIMESTAMP),
            RowType.Field.anonymous(VARCHAR)));

    /**
     * An argument: random values of a type (with nulls), or a constant (n, a percentile, an accuracy);
     * {@code finite}: many distinct doubles, never NaN (approx_percentile refuses NaN).
     */
    record Argument(SqlType type, Object constant, boolean positive, boolean finite) {
        static Argument of(SqlType type) {
            return new Argument(type, null, false, false);
        }

        static Argument finite(SqlType type) {
            return new Argument(type, null, false, true);
        }

        static Argument constant(SqlType type, Object value) {
            return new Argument(type, value, false, false);
        }

        /** A weight: a positive bigint, never null. */
        static Argument weight() {
            return new Argument(BIGINT, null, true, false);
        }
    }

    record Call(String name, SqlType returnType, boolean distinct, StateKind kind, Argument... arguments) {
        @Override
        public String toString() {
            return (distinct ? name + "(DISTINCT " : name + "(")
                    + Arrays.stream(arguments).map(a -> a.constant() != null ? String.valueOf(a.constant())
                    : a.type().displayName()).toList() + ")";
        }
    }

    private static final Argument N = Argument.constant(BIGINT, 3L);

    static final List<Call> CALLS = List.of(
            new Call("arbitrary", VARCHAR, false, StateKind.ARBITRARY, Argument.of(VARCHAR)),
            new Call("arbitrary", new ArrayType(BIGINT), false, StateKind.ARBITRARY, Argument.of(new ArrayType(BIGINT))),
            new Call("max_by", DOUBLE, false, StateKind.EXTREMUM_BY, Argument.of(DOUBLE), Argument.of(TIMESTAMP)),
            new Call("min_by", BOOLEAN, false, StateKind.EXTREMUM_BY, Argument.of(BOOLEAN), Argument.of(BIGINT)),
            new Call("max_by", VARCHAR, false, StateKind.EXTREMUM_BY, Argument.of(VARCHAR), Argument.of(DOUBLE)),
            new Call("min_by", ROW, false, StateKind.EXTREMUM_BY, Argument.of(ROW), Argument.of(VARCHAR)),
            new Call("max", new ArrayType(BIGINT), false, StateKind.TOP_N, Argument.of(BIGINT), N),
            new Call("min", new ArrayType(VARCHAR), false, StateKind.TOP_N, Argument.of(VARCHAR), N),
            new Call("max_by", new ArrayType(VARCHAR), false, StateKind.TOP_N, Argument.of(VARCHAR), Argument.of(DOUBLE), N),
            new Call("min_by", new ArrayType(new ArrayType(BIGINT)), false, StateKind.TOP_N, Argument.of(new ArrayType(BIGINT)),
                    Argument.of(TIMESTAMP), N),
            new Call("approx_distinct", BIGINT, false, StateKind.APPROX_DISTINCT, Argument.of(VARCHAR)),
            new Call("approx_distinct", BIGINT, false, StateKind.APPROX_DISTINCT, Argument.of(DOUBLE), Argument.constant(DOUBLE, 0.01)),
            new Call("approx_distinct", BIGINT, false, StateKind.APPROX_DISTINCT, Argument.of(new ArrayType(BIGINT))),
            new Call("approx_percentile", DOUBLE, false, StateKind.APPROX_PERCENTILE, Argument.finite(DOUBLE), Argument.constant(DOUBLE, 0.5)),
            new Call("approx_percentile", new ArrayType(BIGINT), false, StateKind.APPROX_PERCENTILE, Argument.of(BIGINT),
                    Argument.constant(new ArrayType(DOUBLE), List.of(0.01, 0.5, 0.99))),
            new Call("approx_percentile", DOUBLE, false, StateKind.APPROX_PERCENTILE, Argument.finite(DOUBLE), Argument.weight(),
                    Argument.constant(DOUBLE, 0.9)),
            new Call("approx_percentile", DOUBLE, false, StateKind.APPROX_PERCENTILE, Argument.finite(DOUBLE), Argument.weight(),
                    Argument.constant(DOUBLE, 0.25), Argument.constant(DOUBLE, 0.002)),
            new Call("array_agg", new ArrayType(DOUBLE), false, StateKind.ARRAY_AGG, Argument.of(DOUBLE)),
            new Call("array_agg", new ArrayType(ROW), false, StateKind.ARRAY_AGG, Argument.of(ROW)),
            new Call("histogram", new MapType(VARCHAR, BIGINT), false, StateKind.HISTOGRAM, Argument.of(VARCHAR)),
            new Call("histogram", new MapType(DOUBLE, BIGINT), false, StateKind.HISTOGRAM, Argument.of(DOUBLE)),
            new Call("map_agg", new MapType(VARCHAR, DOUBLE), false, StateKind.FIRST_VALUE_MAP, Argument.of(VARCHAR), Argument.of(DOUBLE)),
            new Call("map_union", new MapType(VARCHAR, BIGINT), false, StateKind.FIRST_VALUE_MAP,
                    Argument.of(new MapType(VARCHAR, BIGINT))),
            new Call("multimap_agg", new MapType(BIGINT, new ArrayType(VARCHAR)), false, StateKind.MULTIMAP_AGG, Argument.of(BIGINT),
                    Argument.of(VARCHAR)),
            new Call("create_time_series", new TimeSeriesType(DOUBLE), false, StateKind.CREATE_TIME_SERIES, Argument.of(TIMESTAMP),
                    Argument.of(DOUBLE)),
            new Call("count", BIGINT, true, StateKind.DISTINCT, Argument.of(VARCHAR)),
            new Call("sum", DOUBLE, true, StateKind.DISTINCT, Argument.of(DOUBLE)),
            new Call("array_agg", new ArrayType(BIGINT), true, StateKind.DISTINCT, Argument.of(BIGINT)),
            new Call("min_by", VARCHAR, true, StateKind.DISTINCT, Argument.of(VARCHAR), Argument.of(DOUBLE)));

    @Test
    void everyStateKindIsCovered() {
        Set<StateKind> kinds = EnumSet.noneOf(StateKind.class);
        CALLS.forEach(call -> kinds.add(call.kind()));
        assertThat(kinds).containsExactlyInAnyOrder(StateKind.values());
    }

    @Provide
    Arbitrary<Call> calls() {
        return Arbitraries.of(CALLS);
    }

    @Property(tries = 300)
    void statesMergedFromTheWireGiveExactlyTheLiveStatesResult(@ForAll("calls") Call call, @ForAll @IntRange(max = 400) int rows,
            @ForAll @IntRange(min = 1, max = 6) int groupCount, @ForAll @IntRange(max = 4) int cutCount,
            @ForAll @IntRange(max = 100) int nullPercent, @ForAll long seed) {
        Random random = new Random(seed);
        assertMergesAlike(call, rows, groupCount, cutCount, nullPercent, random);
    }

    /** Digests of thousands of values, which the sender compresses before it writes them. */
    @Property(tries = 12)
    void largeDigestsMergeFromTheWireExactly(@ForAll @IntRange(min = 2_000, max = 10_000) int rows,
            @ForAll @IntRange(min = 1, max = 3) int cutCount, @ForAll long seed) {
        Random random = new Random(seed);
        for (Call call : CALLS) {
            if (call.kind() == StateKind.APPROX_PERCENTILE) {
                assertMergesAlike(call, rows, 2, cutCount, 5, random);
            }
        }
    }

    private static void assertMergesAlike(Call call, int rows, int groupCount, int cutCount, int nullPercent, Random random) {
        int[] groups = new int[rows];
        for (int i = 0; i < rows; i++) {
            groups[i] = random.nextInt(groupCount);
        }
        List<SqlType> types = new ArrayList<>();
        Vector[] arguments = new Vector[call.arguments().length];
        for (int a = 0; a < arguments.length; a++) {
            types.add(call.arguments()[a].type());
            arguments[a] = generate(call.arguments()[a], rows, nullPercent, random);
        }
        int[] cuts = new int[cutCount + 2];
        for (int c = 1; c <= cutCount; c++) {
            cuts[c] = random.nextInt(rows + 1);
        }
        cuts[cutCount + 1] = rows;
        Arrays.sort(cuts);
        AggregateFunction function = AggregateRun.bind(call.name(), types, call.returnType(), call.distinct());

        Accumulator live = function.newAccumulator();
        Accumulator wired = function.newAccumulator();
        int[] identity = new int[groupCount];
        Arrays.setAll(identity, g -> g);
        for (int f = 0; f + 1 < cuts.length; f++) {
            int from = cuts[f];
            int to = cuts[f + 1];
            Vector[] sliced = new Vector[arguments.length];
            for (int a = 0; a < arguments.length; a++) {
                sliced[a] = arguments[a].slice(from, to);
            }
            // two fragments over the same rows: writing a digest compresses it, as merging it in this JVM does
            int[] fragmentGroups = Arrays.copyOfRange(groups, from, to);
            Accumulator sent = function.newAccumulator();
            sent.add(fragmentGroups, groupCount, sliced, to - from);
            wired.merge(identity, groupCount, overTheWire(sent.intermediate(groupCount), call), groupCount);
            Accumulator kept = function.newAccumulator();
            kept.add(fragmentGroups, groupCount, sliced, to - from);
            live.merge(identity, groupCount, kept.intermediate(groupCount), groupCount);
        }
        List<Object> expected = AggregateRun.boxed(live.result(groupCount));
        List<Object> actual = AggregateRun.boxed(wired.result(groupCount));
        assertThat(actual).as("%s over %d rows", call, rows).isEqualTo(expected);
        assertThat(actual.toString()).as("order of %s", call).isEqualTo(expected.toString());
    }

    /** The intermediate written as a batch and read back; reading and writing it again gives the same bytes. */
    private static Vector[] overTheWire(Vector[] intermediate, Call call) {
        Batch batch = new Batch(List.of(intermediate), intermediate[0].size());
        byte[] bytes = write(batch);
        assertThat(BatchWire.estimateBytes(batch)).as("estimate of %s", call).isGreaterThanOrEqualTo(bytes.length);
        Batch back = BatchWire.read(new Input(bytes));
        assertThat(write(back)).as("bytes of %s forwarded", call).isEqualTo(bytes);
        return back.columns().toArray(Vector[]::new);
    }

    static byte[] write(Batch batch) {
        Output out = new Output(256, -1);
        BatchWire.write(out, batch);
        return out.toBytes();
    }

    private static Vector generate(Argument argument, int rows, int nullPercent, Random random) {
        VectorBuilder builder = new VectorBuilder(argument.type(), rows);
        for (int i = 0; i < rows; i++) {
            if (argument.constant() != null) {
                builder.append(argument.constant());
            } else if (argument.positive()) {
                builder.append(1L + random.nextInt(5));
            } else {
                builder.append(random.nextInt(100) < nullPercent ? null
                        : argument.finite() ? random.nextGaussian() * 1_000 : value(argument.type(), random));
            }
        }
        return builder.build();
    }

    /** Few distinct values (so keys repeat, top-n and min_by/max_by see ties, sets stay small), nested types too. */
    private static final RandomSqlValues VALUES = new RandomSqlValues(3, (type, random) -> {
        if (type == DOUBLE) {
            int pick = random.nextInt(40);
            return pick == 0 ? Double.NaN : pick == 1 ? -0.0 : (random.nextInt(41) - 20) / 4.0;
        }
        if (type == BOOLEAN) {
            return random.nextBoolean();
        }
        if (type == VARCHAR) {
            return "v" + random.nextInt(12) + (random.nextInt(4) == 0 ? "é✓" : "");
        }
        if (type == TIMESTAMP) {
            return 1_700_000_000_000_000_000L + random.nextInt(50) * 1_000_000L;
        }
        return (long) random.nextInt(41) - 20;
    });

    static Object value(SqlType type, Random random) {
        return VALUES.value(type, random);
    }
}
