package io.tidemark.engine.catalog;

import io.tidemark.storage.model.MeasureType;
import java.util.Map;
import java.util.Set;

/**
 * The names a write uses, with the types it uses them with; registering it with the catalog adds
 * the new ones to the table's {@link TableSchema}. A name already bound to another type, a name
 * clashing with a column of another kind, or one past a limit is not added: the caller compares
 * the returned schema with what it asked for and rejects the records that do not fit.
 */
public record SchemaDelta(Map<String, MeasureType> measures, Map<String, MeasureType> attributes,
        Set<String> dimensions) {

    public SchemaDelta {
        measures = Map.copyOf(measures);
        attributes = Map.copyOf(attributes);
        dimensions = Set.copyOf(dimensions);
    }

    public boolean isEmpty() {
        return measures.isEmpty() && attributes.isEmpty() && dimensions.isEmpty();
    }
}
