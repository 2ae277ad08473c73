package io.tidemark.sql.type;

import java.util.Objects;

/** {@code map(K, V)}, as built by histogram and map_agg. */
public record MapType(SqlType keyType, SqlType valueType) implements SqlType {

    public MapType {
        Objects.requireNonNull(keyType, "keyType");
        Objects.requireNonNull(valueType, "valueType");
    }

    @Override
    public String displayName() {
        return "map(" + keyType.displayName() + ", " + valueType.displayName() + ")";
    }

    @Override
    public String columnInfoType() {
        return "MAP";
    }

    @Override
    public boolean isComparable() {
        return valueType.isComparable();
    }

    @Override
    public boolean isOrderable() {
        return false;
    }
}
