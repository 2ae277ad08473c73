package io.tidemark.sql.ast;

import java.util.List;
import java.util.Objects;

/** A named parameter {@code @name} (prepared and scheduled queries). */
public record Parameter(SourceLocation location, String name) implements Expression {

    public Parameter {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(name, "name");
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitParameter(this, context);
    }

    @Override
    public List<Node> children() {
        return List.of();
    }
}
