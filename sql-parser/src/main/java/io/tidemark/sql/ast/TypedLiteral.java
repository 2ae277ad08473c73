package io.tidemark.sql.ast;

import java.util.List;
import java.util.Objects;

/** A literal of a named type: {@code TIMESTAMP '...'}, {@code DATE '...'}, {@code TIME '...'}, {@code DOUBLE '0.0'}; {@code type} is the upper-cased type name, the text is checked by the analyzer. */
public record TypedLiteral(SourceLocation location, String type, String value) implements Expression {

    public TypedLiteral {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitTypedLiteral(this, context);
    }

    @Override
    public List<Node> children() {
        return List.of();
    }
}
