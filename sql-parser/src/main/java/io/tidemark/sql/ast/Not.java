package io.tidemark.sql.ast;

import java.util.List;
import java.util.Objects;

/** {@code NOT value}. */
public record Not(SourceLocation location, Expression value) implements Expression {

    public Not {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(value, "value");
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitNot(this, context);
    }

    @Override
    public List<Node> children() {
        return ChildNodes.of(value);
    }
}
