package io.tidemark.sql.analyzer;

import java.util.Objects;

/** A column of a catalog table that a query reads. */
public record ColumnReference(TableReference table, String column) {

    public ColumnReference {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
    }
}
