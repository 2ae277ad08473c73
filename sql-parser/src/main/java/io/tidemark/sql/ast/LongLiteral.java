package io.tidemark.sql.ast;

import java.util.List;
import java.util.Objects;

/** An integer literal that fits a signed 64-bit value. */
public record LongLiteral(SourceLocation location, long value) implements Expression {

    public LongLiteral {
        Objects.requireNonNull(location, "location");
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitLongLiteral(this, context);
    }

    @Override
    public List<Node> children() {
        return List.of();
    }
}
