package io.tidemark.sql.ast;

import java.util.List;
import java.util.Objects;

/** {@code EXTRACT(field FROM value)}; the analyzer checks the field name. */
public record Extract(SourceLocation location, Identifier field, Expression value) implements Expression {

    public Extract {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(value, "value");
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitExtract(this, context);
    }

    @Override
    public List<Node> children() {
        return ChildNodes.of(field, value);
    }
}
