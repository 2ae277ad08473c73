package io.tidemark.sql.ast;

import java.util.List;
import java.util.Objects;

/** Unary {@code -value} (or {@code +value} when not negative). */
public record ArithmeticUnary(SourceLocation location, boolean negative, Expression value) implements Expression {

    public ArithmeticUnary {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(value, "value");
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitArithmeticUnary(this, context);
    }

    @Override
    public List<Node> children() {
        return ChildNodes.of(value);
    }
}
