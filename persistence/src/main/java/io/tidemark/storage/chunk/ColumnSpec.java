package io.tidemark.storage.chunk;

import io.tidemark.storage.model.MeasureType;
import java.util.Objects;

/**
 * One value column of a chunk: a single-measure series has one (named after the measure), a
 * multi-measure series one per measure name. Only scalar types: MULTI is a record shape, not a
 * column type. Stored in the chunk header, see <a
 * href="../../../../../../../../docs/formats/chunk.md">docs/formats/chunk.md</a>.
 */
public record ColumnSpec(String name, MeasureType type) {

    public ColumnSpec {
        Objects.requireNonNull(name, "column name");
        Objects.requireNonNull(type, "column type");
        if (!type.isScalar()) {
            throw new IllegalArgumentException("cannot define column: type must be scalar, name=" + name
                    + ", type=" + type);
        }
    }
}
