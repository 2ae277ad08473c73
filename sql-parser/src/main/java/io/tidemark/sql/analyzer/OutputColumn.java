package io.tidemark.sql.analyzer;

import io.tidemark.sql.type.SqlType;
import java.util.Objects;

/** A result column: the name Timestream's ColumnInfo reports ({@code _col0} for an unnamed expression) and its type. */
public record OutputColumn(String name, SqlType type) {

    public OutputColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
