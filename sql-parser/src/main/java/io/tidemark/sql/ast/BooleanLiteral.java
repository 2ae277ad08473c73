package io.tidemark.sql.ast;

import java.util.List;
import java.util.Objects;

/** {@code TRUE} or {@code FALSE}. */
public record BooleanLiteral(SourceLocation location, boolean value) implements Expression {

    public BooleanLiteral {
        Objects.requireNonNull(location, "location");
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitBooleanLiteral(this, context);
    }

    @Override
    public List<Node> children() {
        return List.of();
    }
}
