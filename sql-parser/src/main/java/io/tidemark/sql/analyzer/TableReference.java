package io.tidemark.sql.analyzer;

import java.util.Objects;

/** A catalog table named by a query. */
public record TableReference(String database, String table) {

    public TableReference {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(table, "table");
    }

    @Override
    public String toString() {
        return database + "." + table;
    }
}
