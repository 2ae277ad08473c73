package io.tidemark.sql.ast;

import java.util.List;
import java.util.Objects;

/** A string literal; {@code value} has the {@code ''} escapes resolved. */
public record StringLiteral(SourceLocation location, String value) implements Expression {

    public StringLiteral {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(value, "value");
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitStringLiteral(this, context);
    }

    @Override
    public List<Node> children() {
        return List.of();
    }
}
