package io.tidemark.sql.analyzer;

import java.util.Optional;

/**
 * The catalog the analyzer resolves table names against; the engine implements it over its
 * database and table metadata. Names arrive exactly as written in the query (Timestream's
 * database and table names are case-sensitive). Implementations must be safe to call from the
 * thread running the analysis.
 */
public interface SchemaProvider {

    /** True if the database exists. */
    boolean databaseExists(String database);

    /** The table's columns, or empty if the database has no such table. */
    Optional<CatalogTable> table(String database, String table);
}
