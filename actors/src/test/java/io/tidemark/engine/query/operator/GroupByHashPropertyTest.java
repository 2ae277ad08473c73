package io.tidemark.engine.query.operator;

import static io.tidemark.engine.query.operator.TestBatches.normalize;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.engine.query.QueryContext;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.sql.type.SqlType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** GroupByHash against a boxed reference: a LinkedHashMap from the (normalised) key row to its first-appearance index. */
class GroupByHashPropertyTest {

    /** Key shapes: each primitive storage alone (the specialised table), varchar, a complex type, and multi-column keys. */
    static final List<List<SqlType>> SHAPES = List.of(
            List.of(PrimitiveType.BIGINT),
            List.of(PrimitiveType.TIMESTAMP),
            List.of(PrimitiveType.DOUBLE),
            List.of(PrimitiveType.BOOLEAN),
            List.of(PrimitiveType.VARCHAR),
            List.of(TestValues.BIGINT_ARRAY),
            List.of(PrimitiveType.BIGINT, PrimitiveType.VARCHAR, PrimitiveType.DOUBLE),
            List.of(PrimitiveType.BOOLEAN, PrimitiveType.BIGINT),
            List.of());

    record Case(List<SqlType> types, List<List<Object>> rows, List<Integer> cuts, List<List<Object>> probes) {
    }

    @Provide
    Arbitrary<Case> cases() {
        return Arbitraries.of(SHAPES).flatMap(types -> Combinators.combine(
                TestValues.rows(types, 300), TestValues.cuts(), TestValues.rows(types, 30))
                .as((rows, cuts, probes) -> new Case(types, rows, cuts, probes)));
    }

    /**
     * Rows in runs (each row repeated 1 to 6 times, as a scan repeats a series' dimensions and a
     * time bin), the repeats of a varchar being equal strings that are other instances every other
     * row, so the run shortcut (same reference, same bits) must fall back to the probe for them;
     * -0.0 next to 0.0 and NaNs of other bits are in the values already.
     */
    @Provide
    Arbitrary<Case> runCases() {
        return Combinators.combine(cases(), Arbitraries.integers().between(1, 6).list().ofSize(300))
                .as((c, repeats) -> {
                    List<List<Object>> rows = new ArrayList<>();
                    for (int r = 0; r < c.rows().size(); r++) {
                        for (int k = 0; k < repeats.get(r); k++) {
                            List<Object> row = new ArrayList<>();
                            for (Object value : c.rows().get(r)) {
                                row.add(value instanceof String text && k % 2 == 1 ? new String(text) : value);
                            }
                            rows.add(row);
                        }
                    }
                    return new Case(c.types(), rows, c.cuts(), c.probes());
                });
    }

    @Property(tries = 200)
    void runsOfEqualKeysTakeOneGroupWhetherOrNotTheyShareInstances(@ForAll("runCases") Case c) {
        groupIdsAreDenseInFirstAppearanceOrderAndLookupAddsNothing(c);
    }

    @Property(tries = 300)
    void groupIdsAreDenseInFirstAppearanceOrderAndLookupAddsNothing(@ForAll("cases") Case c) {
        QueryContext context = TestBatches.context();
        Map<Object, Integer> reference = new LinkedHashMap<>();
        List<Integer> expectedIds = new ArrayList<>();
        for (List<Object> row : c.rows()) {
            expectedIds.add(reference.computeIfAbsent(normalize(row), k -> reference.size()));
        }
        List<Integer> ids = new ArrayList<>();
        try (GroupByHash hash = new GroupByHash(c.types(), 4, context)) {
            for (Batch batch : TestBatches.split(c.types(), c.rows(), c.cuts())) {
                int[] batchIds = hash.groupIds(batch.columns().toArray(new io.tidemark.engine.query.vector.Vector[0]), batch.rowCount());
                assertThat(batchIds.length).isGreaterThanOrEqualTo(batch.rowCount());
                for (int i = 0; i < batch.rowCount(); i++) {
                    ids.add(batchIds[i]);
                }
            }
            assertThat(ids).isEqualTo(expectedIds);
            assertThat(hash.groupCount()).isEqualTo(reference.size());
            assertThat(keyRows(hash, c.types().size())).isEqualTo(new ArrayList<>(reference.keySet()));

            Batch probes = TestBatches.batch(c.types(), c.probes());
            int[] found = hash.lookup(probes.columns().toArray(new io.tidemark.engine.query.vector.Vector[0]), probes.rowCount());
            for (int i = 0; i < c.probes().size(); i++) {
                assertThat(found[i]).as("probe %s", c.probes().get(i)).isEqualTo(reference.getOrDefault(normalize(c.probes().get(i)), -1));
            }
            assertThat(hash.groupCount()).isEqualTo(reference.size());
            assertThat(context.reservedMemory()).isEqualTo(hash.reservedBytes());
        }
        assertThat(context.reservedMemory()).isZero();
    }

    private static List<Object> keyRows(GroupByHash hash, int keyCount) {
        io.tidemark.engine.query.vector.Vector[] keys = hash.keys();
        assertThat(keys).hasSize(keyCount);
        List<Object> rows = new ArrayList<>();
        for (int g = 0; g < hash.groupCount(); g++) {
            List<Object> row = new ArrayList<>();
            for (io.tidemark.engine.query.vector.Vector key : keys) {
                row.add(key.get(g));
            }
            rows.add(normalize(row));
        }
        return rows;
    }
}
