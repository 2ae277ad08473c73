package io.tidemark.sql.ast;

import java.util.List;
import java.util.Objects;

/** One {@code name = value} option of {@link Unload}. */
public record Property(SourceLocation location, Identifier name, Expression value) implements Node {

    public Property {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitProperty(this, context);
    }

    @Override
    public List<Node> children() {
        return ChildNodes.of(name, value);
    }
}
