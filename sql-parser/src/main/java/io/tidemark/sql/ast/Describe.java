package io.tidemark.sql.ast;

import java.util.List;
import java.util.Objects;

/** {@code DESCRIBE database.table}. */
public record Describe(SourceLocation location, QualifiedName table) implements Statement {

    public Describe {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(table, "table");
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitDescribe(this, context);
    }

    @Override
    public List<Node> children() {
        return ChildNodes.of(table);
    }
}
