package io.tidemark.sql.ast;

import java.util.List;
import java.util.Objects;

/** {@code CAST(value AS type)}, {@code value::type}, or {@code TRY_CAST} when {@code safe}. */
public record Cast(SourceLocation location, Expression value, DataType type, boolean safe) implements Expression {

    public Cast {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(type, "type");
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitCast(this, context);
    }

    @Override
    public List<Node> children() {
        return ChildNodes.of(value, type);
    }
}
