package io.tidemark.engine.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.storage.model.MeasureType;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever writes arrive, a table's schema stays consistent and never rebinds a name. */
class SchemaAdditionsPropertyTest {

    @Property(tries = 300)
    void schemaStaysConsistentAndFirstBindingsHold(@ForAll("deltas") List<SchemaDelta> writes) {
        TableSchema schema = TableSchema.EMPTY;
        for (SchemaDelta write : writes) {
            TableSchema before = schema;
            SchemaDelta added = SchemaAdditions.of(before, write);
            schema = SchemaAdditions.extend(before, added);

            // Nothing known changes type or disappears.
            assertThat(schema.measures()).containsAllEntriesOf(before.measures());
            assertThat(schema.attributes()).containsAllEntriesOf(before.attributes());
            assertThat(schema.dimensions()).containsAll(before.dimensions());
            // Only requested names are added, with their requested types.
            assertThat(write.measures()).containsAllEntriesOf(added.measures());
            assertThat(write.attributes()).containsAllEntriesOf(added.attributes());
            assertThat(write.dimensions()).containsAll(added.dimensions());
            // Adding what was accepted again adds nothing.
            assertThat(SchemaAdditions.of(schema, added).isEmpty()).isTrue();
        }
        Set<String> columns = new HashSet<>(schema.measures().keySet());
        columns.addAll(schema.attributes().keySet());
        columns.retainAll(schema.dimensions());
        assertThat(columns).as("names both dimension and measure/attribute").isEmpty();
        assertThat(schema.attributes().values()).allMatch(MeasureType::isScalar);
        assertThat(schema.dimensions()).hasSizeLessThanOrEqualTo(TableSchema.MAX_DIMENSION_NAMES);
        schema.measures().keySet().forEach(n -> assertThat(CatalogRules.isReservedColumnName(n)).isFalse());
        schema.dimensions().forEach(n -> assertThat(CatalogRules.isReservedColumnName(n)).isFalse());
    }

    @Provide
    Arbitrary<List<SchemaDelta>> deltas() {
        // A small name pool (with reserved names) so writes collide often.
        Arbitrary<String> names = Arbitraries.of("cpu", "mem", "host", "region", "time", "ts_x", "measure_name",
                "load", "az", "user", "measure_value", "rack");
        Arbitrary<MeasureType> types = Arbitraries.of(MeasureType.class);
        Arbitrary<Map<String, MeasureType>> typed = Arbitraries.maps(names, types).ofMaxSize(4);
        Arbitrary<Set<String>> dims = names.set().ofMaxSize(4);
        return Combinators.combine(typed, typed, dims).as(SchemaDelta::new).list().ofMaxSize(8);
    }
}
