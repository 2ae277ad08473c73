package io.tidemark.http.wire;

import java.util.Arrays;

/** Reads a member of a model enum, failing as Timestream does on a value outside the set. */
public final class Enums {

    private Enums() {
    }

    /** The constant named {@code value}; null when {@code value} is null. */
    public static <E extends Enum<E>> E read(Class<E> type, String value, String path) {
        if (value == null) {
            return null;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(value)) {
                return e;
            }
        }
        throw WireError.validation("1 validation error detected: Value '" + value + "' at '" + path
                + "' failed to satisfy constraint: Member must satisfy enum value set: "
                + Arrays.toString(type.getEnumConstants())).exception();
    }
}
