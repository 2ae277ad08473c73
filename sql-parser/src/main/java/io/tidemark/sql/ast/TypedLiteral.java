package io.tidemark.sql.ast;

import java.util.List;
import java.util.Objects;

/** A {@code TIMESTAMP '...'}, {@code DATE '...'} or {@code TIME '...'} literal; the text is checked by the analyzer. */
public record TypedLiteral(SourceLocation location, Kind kind, String value) implements Expression {

    public TypedLiteral {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
    }

    /** The literal's type keyword. */
    public enum Kind { TIMESTAMP, DATE, TIME }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitTypedLiteral(this, context);
    }

    @Override
    public List<Node> children() {
        return List.of();
    }
}
