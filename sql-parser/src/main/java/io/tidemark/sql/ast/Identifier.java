package io.tidemark.sql.ast;

import java.util.List;
import java.util.Objects;

/** A name. Unquoted names are case-insensitive ({@link #canonicalValue()} lower-cases them); quoted ({@code delimited}) names are kept exactly. {@code measure_value::double} and its siblings are plain identifiers. */
public record Identifier(SourceLocation location, String value, boolean delimited) implements Expression {

    public Identifier {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(value, "value");
    }

    /** The name as the engine compares it: lower-cased unless it was quoted. */
    public String canonicalValue() {
        return delimited ? value : value.toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitIdentifier(this, context);
    }

    @Override
    public List<Node> children() {
        return List.of();
    }
}
