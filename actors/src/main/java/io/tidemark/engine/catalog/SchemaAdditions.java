package io.tidemark.engine.catalog;

import io.tidemark.storage.model.MeasureType;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which names of a write's {@link SchemaDelta} a table's {@link TableSchema} takes: the first
 * writer of a name binds its type. Not taken (silently; the caller compares the result with its
 * request): a name bound to another type, a dimension named like a measure or attribute (and the
 * reverse), a reserved name ({@link CatalogRules#isReservedColumnName}), an empty or too long
 * name, and any name past the table's count limits. Names are considered in sorted order —
 * measures, then attributes, then dimensions — so the outcome does not depend on map order.
 */
final class SchemaAdditions {

    /** Longest measure or attribute name, in UTF-8 bytes (Timestream's quota). */
    static final int MAX_MEASURE_NAME_BYTES = 256;

    private SchemaAdditions() {}

    /** The part of {@code requested} that {@code current} takes; empty when nothing is new. */
    static SchemaDelta of(TableSchema current, SchemaDelta requested) {
        Map<String, MeasureType> measures = new HashMap<>();
        Map<String, MeasureType> attributes = new HashMap<>();
        Set<String> dimensions = new HashSet<>();
        int measureCount = current.measures().size();
        for (Map.Entry<String, MeasureType> e : new TreeMap<>(requested.measures()).entrySet()) {
            String name = e.getKey();
            if (!current.measures().containsKey(name) && measureCount < TableSchema.MAX_MEASURE_NAMES
                    && usable(name, MAX_MEASURE_NAME_BYTES) && !current.dimensions().contains(name)) {
                measures.put(name, e.getValue());
                measureCount++;
            }
        }
        int attributeCount = current.attributes().size();
        for (Map.Entry<String, MeasureType> e : new TreeMap<>(requested.attributes()).entrySet()) {
            String name = e.getKey();
            if (!current.attributes().containsKey(name) && attributeCount < TableSchema.MAX_ATTRIBUTE_NAMES
                    && e.getValue().isScalar() && usable(name, MAX_MEASURE_NAME_BYTES)
                    && !current.dimensions().contains(name)) {
                attributes.put(name, e.getValue());
                attributeCount++;
            }
        }
        int dimensionCount = current.dimensions().size();
        for (String name : new TreeSet<>(requested.dimensions())) {
            boolean clashes = current.measures().containsKey(name) || current.attributes().containsKey(name)
                    || measures.containsKey(name) || attributes.containsKey(name);
            if (!current.dimensions().contains(name) && dimensionCount < TableSchema.MAX_DIMENSION_NAMES
                    && usable(name, CatalogRules.MAX_DIMENSION_NAME_BYTES) && !clashes) {
                dimensions.add(name);
                dimensionCount++;
            }
        }
        return new SchemaDelta(measures, attributes, dimensions);
    }

    /** {@code current} with {@code added} (an outcome of {@link #of}) included. */
    static TableSchema extend(TableSchema current, SchemaDelta added) {
        Map<String, MeasureType> measures = new HashMap<>(current.measures());
        measures.putAll(added.measures());
        Map<String, MeasureType> attributes = new HashMap<>(current.attributes());
        attributes.putAll(added.attributes());
        Set<String> dimensions = new HashSet<>(current.dimensions());
        dimensions.addAll(added.dimensions());
        return new TableSchema(measures, attributes, dimensions);
    }

    private static boolean usable(String name, int maxBytes) {
        return !name.isEmpty() && !CatalogRules.isReservedColumnName(name)
                && name.getBytes(StandardCharsets.UTF_8).length <= maxBytes;
    }
}
