package io.tidemark.sql.ast;

import java.util.List;
import java.util.Objects;

/** {@code base[index]} (1-based for arrays). */
public record Subscript(SourceLocation location, Expression base, Expression index) implements Expression {

    public Subscript {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(index, "index");
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitSubscript(this, context);
    }

    @Override
    public List<Node> children() {
        return ChildNodes.of(base, index);
    }
}
