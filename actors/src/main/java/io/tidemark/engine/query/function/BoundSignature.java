package io.tidemark.engine.query.function;

import io.tidemark.sql.type.SqlType;
import java.util.List;

/** A call site's function name (lower case), the types its arguments were coerced to, and its result type. */
public record BoundSignature(String name, List<SqlType> argumentTypes, SqlType returnType) {

    public BoundSignature {
        argumentTypes = List.copyOf(argumentTypes);
    }
}
