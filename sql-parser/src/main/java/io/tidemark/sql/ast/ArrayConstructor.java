package io.tidemark.sql.ast;

import java.util.List;
import java.util.Objects;

/** {@code ARRAY[value, ...]}. */
public record ArrayConstructor(SourceLocation location, List<Expression> values) implements Expression {

    public ArrayConstructor {
        Objects.requireNonNull(location, "location");
        values = List.copyOf(values);
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitArrayConstructor(this, context);
    }

    @Override
    public List<Node> children() {
        return ChildNodes.of(values);
    }
}
