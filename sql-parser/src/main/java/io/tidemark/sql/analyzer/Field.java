package io.tidemark.sql.analyzer;

import io.tidemark.sql.type.SqlType;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A column a scope makes visible: its qualifier (the table's {@code [database, table]}, or an
 * alias), its name (absent for unnamed expressions), its type, and the table column it reads, if
 * any. Fields compare by identity: two FROM items with the same column are two fields.
 */
public final class Field {

    private final List<String> qualifier;
    private final Optional<String> name;
    private final SqlType type;
    private final Optional<ColumnReference> origin;

    public Field(List<String> qualifier, Optional<String> name, SqlType type, Optional<ColumnReference> origin) {
        this.qualifier = List.copyOf(qualifier);
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
        this.origin = Objects.requireNonNull(origin, "origin");
    }

    /** The same column seen under another qualifier (a FROM alias) or name (a column alias). */
    Field renamed(List<String> newQualifier, Optional<String> newName) {
        return new Field(newQualifier, newName, type, origin);
    }

    public List<String> qualifier() {
        return qualifier;
    }

    public Optional<String> name() {
        return name;
    }

    public SqlType type() {
        return type;
    }

    /** The table column this field reads unchanged, if it is one. */
    public Optional<ColumnReference> origin() {
        return origin;
    }

    @Override
    public String toString() {
        return String.join(".", qualifier) + (qualifier.isEmpty() ? "" : ".") + name.orElse("?") + " " + type.displayName();
    }
}
