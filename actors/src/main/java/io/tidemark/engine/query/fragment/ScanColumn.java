package io.tidemark.engine.query.fragment;

import io.tidemark.sql.analyzer.ColumnRole;
import io.tidemark.sql.type.SqlType;
import java.util.Objects;

/** A table column a scan delivers: its name, SQL type and role (dimension, measure_name, time, measure value, multi-measure attribute). */
public record ScanColumn(String name, SqlType type, ColumnRole role) {

    public ScanColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(role, "role");
    }
}
