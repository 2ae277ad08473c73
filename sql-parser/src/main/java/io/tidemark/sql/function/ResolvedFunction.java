package io.tidemark.sql.function;

import io.tidemark.sql.type.SqlType;
import java.util.List;
import java.util.Objects;

/**
 * The overload a call resolved to, with the types its arguments are coerced to (a lambda's is its
 * {@link io.tidemark.sql.type.FunctionType}) and the call's result type.
 */
public record ResolvedFunction(Signature signature, List<SqlType> argumentTypes, SqlType returnType) {

    public ResolvedFunction {
        Objects.requireNonNull(signature, "signature");
        argumentTypes = List.copyOf(argumentTypes);
        Objects.requireNonNull(returnType, "returnType");
    }

    public FunctionKind kind() {
        return signature.kind();
    }
}
