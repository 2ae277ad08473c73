package io.tidemark.engine.catalog;

import io.tidemark.storage.model.MeasureType;
import java.util.Map;
import java.util.Set;

/**
 * A table's schema on write: every name records have used so far, each bound to the type it was
 * first written with. Dimension values are always VARCHAR.
 *
 * @param measures measure name → its value type, MULTI for a multi-measure name
 * @param attributes multi-measure attribute name → its value type (one column per name)
 * @param dimensions dimension names
 */
public record TableSchema(Map<String, MeasureType> measures, Map<String, MeasureType> attributes,
        Set<String> dimensions) {

    /** Timestream's per-table limits. */
    public static final int MAX_MEASURE_NAMES = 8_192;
    public static final int MAX_ATTRIBUTE_NAMES = 1_024;
    public static final int MAX_DIMENSION_NAMES = 128;

    public static final TableSchema EMPTY = new TableSchema(Map.of(), Map.of(), Set.of());

    public TableSchema {
        measures = Map.copyOf(measures);
        attributes = Map.copyOf(attributes);
        dimensions = Set.copyOf(dimensions);
    }

    /** True when every name of {@code delta} is already known with the same type. */
    public boolean covers(SchemaDelta delta) {
        for (Map.Entry<String, MeasureType> e : delta.measures().entrySet()) {
            if (measures.get(e.getKey()) != e.getValue()) {
                return false;
            }
        }
        for (Map.Entry<String, MeasureType> e : delta.attributes().entrySet()) {
            if (attributes.get(e.getKey()) != e.getValue()) {
                return false;
            }
        }
        return dimensions.containsAll(delta.dimensions());
    }
}
