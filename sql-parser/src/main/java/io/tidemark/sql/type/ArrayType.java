package io.tidemark.sql.type;

import java.util.Objects;

/** {@code array(T)}: 1-based, elements of one type. */
public record ArrayType(SqlType elementType) implements SqlType {

    public ArrayType {
        Objects.requireNonNull(elementType, "elementType");
    }

    @Override
    public String displayName() {
        return "array(" + elementType.displayName() + ")";
    }

    @Override
    public String columnInfoType() {
        return "ARRAY";
    }

    @Override
    public boolean isComparable() {
        return elementType.isComparable();
    }

    @Override
    public boolean isOrderable() {
        return elementType.isOrderable();
    }
}
