package io.tidemark.sql.analyzer;

import java.util.Objects;

/** A column of a catalog table that a query reads, with what the column holds. */
public record ColumnReference(TableReference table, String column, ColumnRole role) {

    public ColumnReference {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(role, "role");
    }
}
