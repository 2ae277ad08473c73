package io.tidemark.engine.subscription;

import java.util.List;

/**
 * What identifies a result row between evaluations: the values of its key columns (the GROUP BY
 * keys, or every column), and which of the rows with those values it is ({@code occurrence} 0 for
 * the first in result order), so that a result with repeated rows still diffs row by row.
 */
record RowKey(List<Object> values, int occurrence) {
}
