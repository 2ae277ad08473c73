package io.tidemark.engine.query.fragment;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a fragment reads of one table: the rows with {@code fromNanos <= time <= toNanos} whose
 * {@code measure_name} and dimensions take one of the listed values (a column missing from
 * {@code values} is unconstrained; a dimension a series lacks is null, which no listed value
 * matches), delivered as batches whose channels are {@code columns} in order. One row per
 * series and time: a single-measure series fills its {@code measure_value::<type>} column, a
 * multi-measure series its attribute columns; the columns a row's series lacks are null.
 * Pruning only: the fragment's filter still applies the whole WHERE clause.
 */
public record ScanRequest(String database, String table, List<ScanColumn> columns, long fromNanos, long toNanos,
        Map<String, Set<String>> values) {

    public ScanRequest {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(table, "table");
        columns = List.copyOf(columns);
        values = Map.copyOf(values);
    }
}
