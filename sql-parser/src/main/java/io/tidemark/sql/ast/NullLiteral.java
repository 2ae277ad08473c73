package io.tidemark.sql.ast;

import java.util.List;
import java.util.Objects;

/** {@code NULL}. */
public record NullLiteral(SourceLocation location) implements Expression {

    public NullLiteral {
        Objects.requireNonNull(location, "location");
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitNullLiteral(this, context);
    }

    @Override
    public List<Node> children() {
        return List.of();
    }
}
