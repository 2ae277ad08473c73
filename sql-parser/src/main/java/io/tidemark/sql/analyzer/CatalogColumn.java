package io.tidemark.sql.analyzer;

import io.tidemark.sql.type.SqlType;
import java.util.Objects;

/** One column of a table as the catalog exposes it to SQL. */
public record CatalogColumn(String name, SqlType type, ColumnRole role) {

    public CatalogColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(role, "role");
    }
}
