package io.tidemark.http.wire;

import java.util.Map;

/** The operations of one resource (databases, tables, records …), by operation name. */
public interface OperationGroup {

    /** Operation name (the part of {@code X-Amz-Target} after {@code Timestream_20181101.}) to its handler. */
    Map<String, Operation> operations();

    /** Operations that read their raw body themselves ({@link BodyOperation}), by operation name; none by default. */
    default Map<String, BodyOperation> bodyOperations() {
        return Map.of();
    }
}
