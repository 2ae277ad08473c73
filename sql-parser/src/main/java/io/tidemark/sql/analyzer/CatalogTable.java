package io.tidemark.sql.analyzer;

import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.sql.type.SqlType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A table's columns in the order {@code SELECT *} returns them: the dimensions, then
 * {@code measure_name}, then {@code time}, then the single-measure value columns in the fixed
 * order {@code measure_value::double, ::bigint, ::varchar, ::boolean, ::timestamp} (only those
 * ever written), then the multi-measure attributes. Dimensions and attributes keep the order the
 * catalog gives them (the engine uses first-written order).
 */
public record CatalogTable(String database, String table, List<CatalogColumn> columns) {

    private static final List<PrimitiveType> MEASURE_VALUE_ORDER = List.of(
            PrimitiveType.DOUBLE, PrimitiveType.BIGINT, PrimitiveType.VARCHAR, PrimitiveType.BOOLEAN, PrimitiveType.TIMESTAMP);

    public CatalogTable {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(table, "table");
        columns = List.copyOf(columns);
    }

    /**
     * Builds the columns of a Timestream table from its inferred schema.
     *
     * @param dimensions dimension names (each a varchar column)
     * @param measureValueTypes the value types single-measure records have used (double, bigint, varchar, boolean, timestamp)
     * @param multiMeasureAttributes attribute name to type, in the catalog's order
     */
    public static CatalogTable of(String database, String table, List<String> dimensions,
            List<PrimitiveType> measureValueTypes, Map<String, ? extends SqlType> multiMeasureAttributes) {
        List<CatalogColumn> columns = new ArrayList<>();
        for (String dimension : dimensions) {
            columns.add(new CatalogColumn(dimension, PrimitiveType.VARCHAR, ColumnRole.DIMENSION));
        }
        columns.add(new CatalogColumn("measure_name", PrimitiveType.VARCHAR, ColumnRole.MEASURE_NAME));
        columns.add(new CatalogColumn("time", PrimitiveType.TIMESTAMP, ColumnRole.TIMESTAMP));
        for (PrimitiveType type : MEASURE_VALUE_ORDER) {
            if (measureValueTypes.contains(type)) {
                columns.add(new CatalogColumn("measure_value::" + type.displayName(), type, ColumnRole.MEASURE_VALUE));
            }
        }
        for (var attribute : multiMeasureAttributes.entrySet()) {
            columns.add(new CatalogColumn(attribute.getKey(), attribute.getValue(), ColumnRole.MULTI));
        }
        return new CatalogTable(database, table, columns);
    }
}
