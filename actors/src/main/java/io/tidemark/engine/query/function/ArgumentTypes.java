package io.tidemark.engine.query.function;

import io.tidemark.sql.type.SqlType;
import java.util.Arrays;

/** Matching a {@link BoundSignature}'s coerced argument types, for binders that accept fixed types. */
final class ArgumentTypes {

    private ArgumentTypes() {
    }

    /** True if the call's arguments are exactly {@code types}, in order. */
    static boolean are(BoundSignature signature, SqlType... types) {
        return signature.argumentTypes().equals(Arrays.asList(types));
    }

    /** True if the call has {@code count} arguments. */
    static boolean count(BoundSignature signature, int count) {
        return signature.argumentTypes().size() == count;
    }
}
