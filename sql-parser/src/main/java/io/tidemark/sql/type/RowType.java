package io.tidemark.sql.type;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/** {@code row(name T, ...)}: fields with optional names, accessed by {@code r.name}. */
public record RowType(List<Field> fields) implements SqlType {

    public RowType {
        fields = List.copyOf(fields);
    }

    /** One field; unnamed fields come from {@code ROW(1, 2)}. */
    public record Field(Optional<String> name, SqlType type) {
        public Field {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
        }

        public static Field named(String name, SqlType type) {
            return new Field(Optional.of(name), type);
        }

        public static Field anonymous(SqlType type) {
            return new Field(Optional.empty(), type);
        }
    }

    @Override
    public String displayName() {
        return fields.stream()
                .map(f -> f.name().map(n -> n + " ").orElse("") + f.type().displayName())
                .collect(Collectors.joining(", ", "row(", ")"));
    }

    @Override
    public String columnInfoType() {
        return "ROW";
    }

    @Override
    public boolean isComparable() {
        return fields.stream().allMatch(f -> f.type().isComparable());
    }

    @Override
    public boolean isOrderable() {
        return fields.stream().allMatch(f -> f.type().isOrderable());
    }
}
