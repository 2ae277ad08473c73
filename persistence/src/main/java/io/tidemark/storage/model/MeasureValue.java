package io.tidemark.storage.model;

import java.util.Objects;

/**
 * One named value of a multi-measure record, in Timestream's wire form: the value travels as a
 * string and is parsed against its type when the record is validated.
 */
public record MeasureValue(String name, String value, MeasureType type) {

    public MeasureValue {
        Objects.requireNonNull(name, "measure value name");
        Objects.requireNonNull(value, "measure value");
        Objects.requireNonNull(type, "measure value type");
        if (!type.isScalar()) {
            throw new IllegalArgumentException("a multi-measure value must have a scalar type: " + name);
        }
    }
}
