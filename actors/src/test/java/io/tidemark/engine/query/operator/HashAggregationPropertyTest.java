package io.tidemark.engine.query.operator;

import static io.tidemark.engine.testing.BatchRows.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.engine.query.QueryContext;
import io.tidemark.engine.query.operator.HashAggregation.AggregateCall;
import io.tidemark.engine.query.operator.HashAggregation.Step;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.sql.type.SqlType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * HashAggregation against a boxed reference, over input {@code (k1 bigint, k2 varchar, v bigint, m boolean)}
 * with the calls {@code sum(v), count(v), count(*), sum(v) FILTER (WHERE m)}: SINGLE equals the
 * reference row for row, and PARTIAL over random splits of the rows, then FINAL, equals SINGLE.
 */
class HashAggregationPropertyTest {

    static final List<SqlType> INPUT = List.of(PrimitiveType.BIGINT, PrimitiveType.VARCHAR, PrimitiveType.BIGINT, PrimitiveType.BOOLEAN);
    static final List<List<Integer>> KEY_CHANNELS = List.of(List.of(), List.of(0), List.of(1), List.of(0, 1), List.of(1, 0));
    static final List<AggregateCall> CALLS = List.of(
            new AggregateCall(TestAggregates.SUM, List.of(2), Optional.empty()),
            new AggregateCall(TestAggregates.COUNT, List.of(2), Optional.empty()),
            new AggregateCall(TestAggregates.COUNT, List.of(), Optional.empty()),
            new AggregateCall(TestAggregates.SUM, List.of(2), Optional.of(3)));

    record Case(List<Integer> keyChannels, List<List<Object>> rows, List<Integer> partitions, List<Integer> cuts) {
    }

    @Provide
    Arbitrary<Case> cases() {
        return Combinators.combine(Arbitraries.of(KEY_CHANNELS), TestValues.rows(INPUT, 200),
                Arbitraries.integers().between(0, 3).list().ofSize(200), TestValues.cuts()).as(Case::new);
    }

    @Property(tries = 200)
    void singleStepMatchesTheReference(@ForAll("cases") Case c) {
        QueryContext context = TestBatches.context();
        HashAggregation aggregation = new HashAggregation(Step.SINGLE, c.keyChannels(), keyTypes(c), CALLS, context);
        for (Batch batch : TestBatches.split(INPUT, c.rows(), c.cuts())) {
            aggregation.add(batch);
        }
        Batch result = aggregation.finish();
        assertThat(aggregation.outputTypes()).isEqualTo(types(result));
        assertThat(rows(result)).isEqualTo(reference(c.keyChannels(), c.rows()));
        assertThat(context.reservedMemory()).isZero();
    }

    /** FINAL reads keys from the first channels whatever the key channels say, so it is given none. */
    @Property(tries = 200)
    void partialOnRandomSplitsThenFinalEqualsSingle(@ForAll("cases") Case c) {
        QueryContext context = TestBatches.context();
        List<SqlType> keyTypes = keyTypes(c);
        List<List<List<Object>>> parts = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            parts.add(new ArrayList<>());
        }
        for (int r = 0; r < c.rows().size(); r++) {
            parts.get(c.partitions().get(r)).add(c.rows().get(r));
        }
        List<Batch> partials = new ArrayList<>();
        List<SqlType> partialTypes = null;
        for (List<List<Object>> part : parts) {
            HashAggregation partial = new HashAggregation(Step.PARTIAL, c.keyChannels(), keyTypes, CALLS, context);
            for (Batch batch : TestBatches.split(INPUT, part, c.cuts())) {
                partial.add(batch);
            }
            Batch states = partial.finish();
            partialTypes = partial.outputTypes();
            assertThat(partialTypes).isEqualTo(types(states));
            partials.add(states);
        }
        HashAggregation merged = new HashAggregation(Step.FINAL, List.of(), keyTypes, CALLS, context);
        assertThat(merged.finalInputTypes()).isEqualTo(partialTypes);
        for (Batch states : partials) {
            merged.add(states);
        }
        assertThat(rows(merged.finish())).containsExactlyInAnyOrderElementsOf(reference(c.keyChannels(), c.rows()));
        assertThat(context.reservedMemory()).isZero();
    }

    private static List<SqlType> keyTypes(Case c) {
        List<SqlType> types = new ArrayList<>();
        for (int channel : c.keyChannels()) {
            types.add(INPUT.get(channel));
        }
        return types;
    }

    private static List<SqlType> types(Batch batch) {
        return batch.columns().stream().map(io.tidemark.engine.query.vector.Vector::type).toList();
    }

    /** Key values, then sum(v), count(v), count(*), sum(v) filter (where m), per group in first-appearance order. */
    static List<List<Object>> reference(List<Integer> keyChannels, List<List<Object>> rows) {
        Map<List<Object>, Long[]> groups = new LinkedHashMap<>();
        if (keyChannels.isEmpty()) {
            groups.put(List.of(), new Long[] {null, 0L, 0L, null});
        }
        for (List<Object> row : rows) {
            List<Object> key = new ArrayList<>();
            for (int channel : keyChannels) {
                key.add(row.get(channel));
            }
            Long[] state = groups.computeIfAbsent(key, k -> new Long[] {null, 0L, 0L, null});
            Long v = (Long) row.get(2);
            if (v != null) {
                state[0] = state[0] == null ? v : state[0] + v;
                state[1]++;
                if (Boolean.TRUE.equals(row.get(3))) {
                    state[3] = state[3] == null ? v : state[3] + v;
                }
            }
            state[2]++;
        }
        List<List<Object>> expected = new ArrayList<>();
        groups.forEach((key, state) -> {
            List<Object> out = new ArrayList<>(key);
            out.addAll(Arrays.asList((Object[]) state));
            expected.add(out);
        });
        return expected;
    }
}
