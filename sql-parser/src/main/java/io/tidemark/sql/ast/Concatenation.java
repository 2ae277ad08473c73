package io.tidemark.sql.ast;

import java.util.List;
import java.util.Objects;

/** {@code left || right} (strings or arrays). */
public record Concatenation(SourceLocation location, Expression left, Expression right) implements Expression {

    public Concatenation {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(right, "right");
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitConcatenation(this, context);
    }

    @Override
    public List<Node> children() {
        return ChildNodes.of(left, right);
    }
}
