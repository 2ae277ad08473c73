package io.tidemark.sql.ast;

import java.util.List;
import java.util.Objects;

/** A table named {@code database.table} (either part may be quoted). */
public record Table(SourceLocation location, QualifiedName name) implements Relation {

    public Table {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(name, "name");
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitTable(this, context);
    }

    @Override
    public List<Node> children() {
        return ChildNodes.of(name);
    }
}
