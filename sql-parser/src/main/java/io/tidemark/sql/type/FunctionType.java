package io.tidemark.sql.type;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** The type of a lambda: {@code function(A, ..., R)}. Never the type of a column. */
public record FunctionType(List<SqlType> parameterTypes, SqlType returnType) implements SqlType {

    public FunctionType {
        parameterTypes = List.copyOf(parameterTypes);
        Objects.requireNonNull(returnType, "returnType");
    }

    @Override
    public String displayName() {
        return parameterTypes.stream().map(SqlType::displayName)
                .collect(Collectors.joining(", ", "function(", (parameterTypes.isEmpty() ? "" : ", ") + returnType.displayName() + ")"));
    }

    @Override
    public String columnInfoType() {
        return "FUNCTION";
    }

    @Override
    public boolean isComparable() {
        return false;
    }

    @Override
    public boolean isOrderable() {
        return false;
    }
}
