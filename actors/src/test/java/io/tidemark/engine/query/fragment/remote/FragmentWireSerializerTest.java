package io.tidemark.engine.query.fragment.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.engine.query.aggregate.Accumulator;
import io.tidemark.engine.query.aggregate.BuiltinAggregates;
import io.tidemark.engine.query.fragment.ScanColumn;
import io.tidemark.engine.query.fragment.ScanRequest;
import io.tidemark.engine.query.fragment.ShardFragmentScan;
import io.tidemark.engine.query.function.BoundSignature;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.engine.shard.SeriesShard;
import io.tidemark.engine.shard.fragment.FragmentDeclined;
import io.tidemark.engine.testing.KryoWireSystem;
import io.tidemark.sql.analyzer.ColumnRole;
import io.tidemark.sql.type.ArrayType;
import io.tidemark.sql.type.MapType;
import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.sql.type.RowType;
import io.tidemark.sql.type.SqlType;
import io.tidemark.sql.type.TimeSeriesType;
import java.io.IOException;
import java.io.NotSerializableException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The messages of shipped fragments round-trip through the Pekko Kryo serializer with the
 * registrations of the actors module's reference.conf, under their frozen ids (600-603), with
 * frozen bytes ({@code fixtures/fragment-wire-v1}); the wire ids of SQL types and column roles
 * are pinned; unknown ids and impossible counts are refused. The reply-to refs are the
 * dead-letters ref of a local system named {@code wire}, so the bytes carry no host or port.
 */
class FragmentWireSerializerTest {

    private static final long T0 = 1_700_000_000_000_000_000L;

    @RegisterExtension
    static final KryoWireSystem WIRE = new KryoWireSystem();

    private static <T> ActorRef<T> replyTo() {
        return WIRE.deadLetters();
    }

    static ScanRequest request() {
        return new ScanRequest("metrics", "cpu", List.of(new ScanColumn("hostname", PrimitiveType.VARCHAR,
                ColumnRole.DIMENSION), new ScanColumn("time", PrimitiveType.TIMESTAMP, ColumnRole.TIMESTAMP),
                new ScanColumn("usage_user", PrimitiveType.DOUBLE, ColumnRole.MULTI)), T0, Long.MAX_VALUE,
                Map.of("measure_name", Set.of("cpu"), "hostname", Set.of("host_2", "host_1")));
    }

    static ShippedFragment fragment(String sql) {
        String fingerprint = "Aggregate(PARTIAL)[hostname; avg(usage_user)]\nScan[columns=[hostname, usage_user]]"
                + "\n-> varchar, double, bigint";
        return new ShippedFragment("q-1", sql, T0 + 5, 30_000, "0123456789abcdef", 4, request(), T0 + 1,
                () -> fingerprint, null);
    }

    /** One row per value kind, every type the wire carries, nulls in every column. */
    static Batch everyType() {
        RowType row = new RowType(List.of(RowType.Field.named("a", PrimitiveType.BIGINT),
                RowType.Field.anonymous(PrimitiveType.VARCHAR)));
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put("x", 1.5);
        map.put("y", null);
        return new Batch(List.of(
                Vector.ofLongs(PrimitiveType.BIGINT, new long[] {1, -2, Long.MAX_VALUE}, new boolean[] {false, true, false}, 3),
                Vector.ofLongs(PrimitiveType.INTEGER, new long[] {7, 8, 9}, null, 3),
                Vector.ofDoubles(PrimitiveType.DOUBLE, new double[] {0.5, Double.NaN, -0.0}, new boolean[] {true, false, false}, 3),
                Vector.ofBooleans(PrimitiveType.BOOLEAN, new boolean[] {true, false, true}, new boolean[] {false, false, true}, 3),
                Vector.ofLongs(PrimitiveType.TIMESTAMP, new long[] {T0, T0 + 1, 0}, new boolean[] {false, false, true}, 3),
                Vector.ofLongs(PrimitiveType.DATE, new long[] {19_000, 0, -1}, null, 3),
                Vector.ofLongs(PrimitiveType.TIME, new long[] {1, 2, 3}, null, 3),
                Vector.ofLongs(PrimitiveType.INTERVAL_DAY_TO_SECOND, new long[] {3_600_000_000_000L, 0, 1}, null, 3),
                Vector.ofLongs(PrimitiveType.INTERVAL_YEAR_TO_MONTH, new long[] {12, 0, 1}, null, 3),
                Vector.ofObjects(PrimitiveType.VARCHAR, new Object[] {"host_1", null, "é✓"}, 3),
                Vector.ofObjects(new ArrayType(PrimitiveType.DOUBLE), new Object[] {List.of(1.0, 2.0), null,
                    java.util.Arrays.asList(3.0, null)}, 3),
                Vector.ofObjects(new MapType(PrimitiveType.VARCHAR, PrimitiveType.DOUBLE), new Object[] {map, null, Map.of()}, 3),
                Vector.ofObjects(row, new Object[] {List.of(5L, "v"), java.util.Arrays.asList(null, null), null}, 3),
                Vector.ofObjects(new TimeSeriesType(PrimitiveType.DOUBLE), new Object[] {List.of(List.of(T0, 1.0),
                    java.util.Arrays.asList(T0 + 1, null)), List.of(), null}, 3)), 3);
    }

    /**
     * A partial aggregation's output with object states: per hostname max_by(usage, time) and
     * array_agg(usage), a group no row reached (null states) in the middle.
     */
    static Batch objectStates() {
        Accumulator maxBy = BuiltinAggregates.instance().bind(new BoundSignature("max_by", List.of(PrimitiveType.DOUBLE,
                PrimitiveType.TIMESTAMP), PrimitiveType.DOUBLE), false).orElseThrow().newAccumulator();
        Accumulator arrayAgg = BuiltinAggregates.instance().bind(new BoundSignature("array_agg", List.of(PrimitiveType.DOUBLE),
                new ArrayType(PrimitiveType.DOUBLE)), false).orElseThrow().newAccumulator();
        int[] groups = {0, 0, 2};
        Vector usage = Vector.ofDoubles(PrimitiveType.DOUBLE, new double[] {1.5, 0, 99.5}, new boolean[] {false, true, false}, 3);
        Vector time = Vector.ofLongs(PrimitiveType.TIMESTAMP, new long[] {T0, T0 + 1, T0}, null, 3);
        maxBy.add(groups, 3, new Vector[] {usage, time}, 3);
        arrayAgg.add(groups, 3, new Vector[] {usage}, 3);
        return new Batch(List.of(Vector.ofObjects(PrimitiveType.VARCHAR, new Object[] {"host_1", "host_2", "host_3"}, 3),
                maxBy.intermediate(3)[0], arrayAgg.intermediate(3)[0]), 3);
    }

    /** One of each message, by fixture name, with the Kryo id it is registered under. */
    static Map<String, Map.Entry<Object, Integer>> samples() {
        Map<String, Map.Entry<Object, Integer>> samples = new LinkedHashMap<>();
        samples.put("RunFragment", Map.entry(new SeriesShard.RunFragment(fragment(
                "SELECT hostname, avg(usage_user) FROM metrics.cpu GROUP BY hostname"), T0 + 1, Long.MAX_VALUE,
                replyTo()), 600));
        samples.put("FragmentDeclined", Map.entry(new FragmentDeclined("the statement has subqueries inside"
                + " expressions"), 601));
        samples.put("ShippedFragmentWithoutSql", Map.entry(fragment(null), 602));
        samples.put("Output", Map.entry(new ShardFragmentScan.Output(everyType(), 1_234_567), 603));
        samples.put("OutputObjectStates", Map.entry(new ShardFragmentScan.Output(objectStates(), 42), 603));
        samples.put("OutputEmpty", Map.entry(new ShardFragmentScan.Output(Batch.empty(List.of(PrimitiveType.VARCHAR,
                PrimitiveType.DOUBLE)), 0), 603));
        return samples;
    }

    @Test
    void everyMessageIsMarkedAndRegisteredUnderItsFrozenId() {
        WIRE.assertFrozenIds(samples());
    }

    @Test
    void bytesMatchTheV1FixturesAndReadBackToTheSameBytes() throws IOException {
        WIRE.assertFixtures("fragment-wire-v1", samples());
    }

    @Test
    void aFragmentCrossesWithoutItsLocalPartAndWithItsRequestFingerprintAndBounds() {
        ShippedFragment sent = fragment("SELECT 1");
        ShippedFragment back = (ShippedFragment) WIRE.fromBinary(WIRE.toBinary(sent));
        assertThat(back.local()).isNull();
        assertThat(back.request()).isEqualTo(sent.request());
        assertThat(back.fingerprint().get()).isEqualTo(sent.fingerprint().get());
        assertThat(List.of(back.queryId(), back.sql(), back.queryStartNanos(), back.timeoutMillis(), back.tableId(),
                back.shardCount(), back.fromNanos())).isEqualTo(List.of(sent.queryId(), sent.sql(), sent.queryStartNanos(),
                sent.timeoutMillis(), sent.tableId(), sent.shardCount(), sent.fromNanos()));

        SeriesShard.RunFragment run = (SeriesShard.RunFragment) WIRE.fromBinary(WIRE.toBinary(
                samples().get("RunFragment").getKey()));
        assertThat(run.fromNanos()).isEqualTo(T0 + 1);
        assertThat(run.toNanos()).isEqualTo(Long.MAX_VALUE);
        assertThat(((ShippedFragment) run.fragment()).request()).isEqualTo(request());
    }

    @Test
    void anOutputReadsBackWithEveryTypeValueAndNull() {
        ShardFragmentScan.Output back = (ShardFragmentScan.Output) WIRE.fromBinary(WIRE.toBinary(
                samples().get("Output").getKey()));
        assertThat(back.bytesScanned()).isEqualTo(1_234_567);
        BatchRoundTripTest.assertSameBatch(back.batch(), everyType());
    }

    @Test
    void wireIdsOfTypesAndRolesAreFrozen() {
        Map<PrimitiveType, Integer> types = new LinkedHashMap<>();
        for (PrimitiveType type : PrimitiveType.values()) {
            types.put(type, BatchWire.primitiveId(type));
        }
        assertThat(types).containsExactly(Map.entry(PrimitiveType.BOOLEAN, 1), Map.entry(PrimitiveType.INTEGER, 2),
                Map.entry(PrimitiveType.BIGINT, 3), Map.entry(PrimitiveType.DOUBLE, 4), Map.entry(PrimitiveType.VARCHAR, 5),
                Map.entry(PrimitiveType.TIMESTAMP, 6), Map.entry(PrimitiveType.DATE, 7), Map.entry(PrimitiveType.TIME, 8),
                Map.entry(PrimitiveType.INTERVAL_DAY_TO_SECOND, 9), Map.entry(PrimitiveType.INTERVAL_YEAR_TO_MONTH, 10),
                Map.entry(PrimitiveType.UNKNOWN, 11));
        assertThat(List.of(BatchWire.ARRAY, BatchWire.MAP, BatchWire.ROW, BatchWire.TIMESERIES))
                .containsExactly(20, 21, 22, 23);
        Map<ColumnRole, Integer> roles = new LinkedHashMap<>();
        for (ColumnRole role : ColumnRole.values()) {
            roles.put(role, FragmentWire.roleId(role));
        }
        assertThat(roles).containsExactly(Map.entry(ColumnRole.DIMENSION, 1), Map.entry(ColumnRole.MEASURE_NAME, 2),
                Map.entry(ColumnRole.TIMESTAMP, 3), Map.entry(ColumnRole.MEASURE_VALUE, 4), Map.entry(ColumnRole.MULTI, 5));
    }

    @Test
    void everyTypeButAFunctionIsCarried() {
        assertThat(BatchWire.carries(PrimitiveType.UNKNOWN)).as("aggregation states").isTrue();
        assertThat(BatchWire.carries(new ArrayType(PrimitiveType.UNKNOWN))).as("arrays of nulls").isTrue();
        assertThat(BatchWire.carries(new io.tidemark.sql.type.FunctionType(List.of(), PrimitiveType.BIGINT))).isFalse();
        for (SqlType type : everyType().columns().stream().map(Vector::type).toList()) {
            assertThat(BatchWire.carries(type)).as(type.displayName()).isTrue();
        }
    }

    @Test
    void refusesUnknownIdsAndImpossibleCounts() {
        // id 649 (+2 = 0x28b) is in the range of shipped fragments but registered to nothing
        assertThatThrownBy(() -> WIRE.fromBinary(new byte[] {(byte) 0x8b, 0x05, 0x00}))
                .isInstanceOf(NotSerializableException.class).hasMessageContaining("cannot deserialize with Kryo");
        // an Output (603 + 2 = 0x25d) whose batch claims 16383 columns in 0 bytes
        assertThatThrownBy(() -> WIRE.fromBinary(new byte[] {(byte) 0xdd, 0x04, 0x00, (byte) 0xff, 0x7f}))
                .isInstanceOf(NotSerializableException.class).hasMessageContaining("count exceeds payload");
        // an Output whose one BIGINT column claims 1000 rows but carries none
        assertThatThrownBy(() -> WIRE.fromBinary(new byte[] {(byte) 0xdd, 0x04, 0x00, 0x01, (byte) 0xe8, 0x07, 0x03,
            0x00})).isInstanceOf(NotSerializableException.class).hasMessageContaining("column exceeds payload");
        // an unknown type id
        assertThatThrownBy(() -> WIRE.fromBinary(new byte[] {(byte) 0xdd, 0x04, 0x00, 0x01, 0x01, 0x63, 0x00}))
                .isInstanceOf(NotSerializableException.class).hasMessageContaining("unknown type id, id=99");
    }

}
