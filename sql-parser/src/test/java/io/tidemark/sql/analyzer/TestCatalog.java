package io.tidemark.sql.analyzer;

import io.tidemark.sql.type.PrimitiveType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The catalog the analyzer tests resolve against: database {@code db} with a single-measure table
 * {@code cpu} (dimensions region, host; double and bigint values) and a multi-measure table
 * {@code metrics} (dimension host; attributes cpu double, memory bigint, status varchar), and
 * database {@code Sample} with table {@code DevOps} (dimension {@code Host}, case kept).
 */
final class TestCatalog implements SchemaProvider {

    static final TestCatalog INSTANCE = new TestCatalog();

    private final Map<String, Map<String, CatalogTable>> databases = new LinkedHashMap<>();

    private TestCatalog() {
        Map<String, PrimitiveType> attributes = new LinkedHashMap<>();
        attributes.put("cpu", PrimitiveType.DOUBLE);
        attributes.put("memory", PrimitiveType.BIGINT);
        attributes.put("status", PrimitiveType.VARCHAR);
        databases.put("db", Map.of(
                "cpu", CatalogTable.of("db", "cpu", List.of("region", "host"), List.of(PrimitiveType.BIGINT, PrimitiveType.DOUBLE), Map.of()),
                "metrics", CatalogTable.of("db", "metrics", List.of("host"), List.of(), attributes)));
        databases.put("Sample", Map.of(
                "DevOps", CatalogTable.of("Sample", "DevOps", List.of("Host"), List.of(PrimitiveType.DOUBLE), Map.of())));
    }

    @Override
    public boolean databaseExists(String database) {
        return databases.containsKey(database);
    }

    @Override
    public Optional<CatalogTable> table(String database, String table) {
        return Optional.ofNullable(databases.getOrDefault(database, Map.of()).get(table));
    }
}
