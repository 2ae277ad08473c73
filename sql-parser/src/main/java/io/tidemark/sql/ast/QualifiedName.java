package io.tidemark.sql.ast;

import java.util.List;
import java.util.Objects;

/** A dotted name such as {@code "db"."table"}. */
public record QualifiedName(SourceLocation location, List<Identifier> parts) implements Node {

    public QualifiedName {
        Objects.requireNonNull(location, "location");
        parts = List.copyOf(parts);
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitQualifiedName(this, context);
    }

    @Override
    public List<Node> children() {
        return ChildNodes.of(parts);
    }
}
