package io.tidemark.sql.ast;

import java.util.List;
import java.util.Objects;

/** A literal with an exponent, e.g. {@code 1e3}. */
public record DoubleLiteral(SourceLocation location, double value) implements Expression {

    public DoubleLiteral {
        Objects.requireNonNull(location, "location");
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitDoubleLiteral(this, context);
    }

    @Override
    public List<Node> children() {
        return List.of();
    }
}
