package io.tidemark.engine.write;

import java.util.List;

/**
 * A WriteRecords request as the wire delivers it: every member may be missing (null), and values
 * stay text, so that {@link RecordConverter#parse} answers malformed input with Timestream's own
 * validation errors and rejections.
 *
 * @param commonAttributes fields shared by every record; see {@link RecordConverter} for how they merge
 * @param records 1 … {@link WriteLimits#maxRecordsPerRequest()} records; indexes in rejections are
 *     0-based positions in this list
 */
public record WriteRecordsRequest(String databaseName, String tableName, RecordInput commonAttributes,
        List<RecordInput> records) {
}
