package io.tidemark.engine.query.differential;

import java.util.List;

/** A table of the data set: its columns in Tidemark's {@code SELECT *} order, with the DuckDB type of each. */
public record TableShape(String name, List<Column> columns) {

    public TableShape {
        columns = List.copyOf(columns);
    }

    public record Column(String name, String duckType) {
    }
}
