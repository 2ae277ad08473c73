package io.tidemark.engine.catalog;

import io.tidemark.storage.serialization.KryoSerializable;

/**
 * A table as it is after the catalog's change number {@code version}; {@code description} null
 * when the table is gone. Views apply a change only if it is newer than what they hold, so
 * changes may reach them in any order.
 */
public record TableChange(String tableId, TableDescription description, TableSchema schema, long version)
        implements KryoSerializable {

    public boolean removed() {
        return description == null;
    }
}
