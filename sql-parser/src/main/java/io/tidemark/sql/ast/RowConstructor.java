package io.tidemark.sql.ast;

import java.util.List;
import java.util.Objects;

/** {@code ROW(value, ...)}, or a parenthesized list of two or more values. */
public record RowConstructor(SourceLocation location, List<Expression> values) implements Expression {

    public RowConstructor {
        Objects.requireNonNull(location, "location");
        values = List.copyOf(values);
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitRowConstructor(this, context);
    }

    @Override
    public List<Node> children() {
        return ChildNodes.of(values);
    }
}
