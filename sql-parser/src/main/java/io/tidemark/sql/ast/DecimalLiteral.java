package io.tidemark.sql.ast;

import java.util.List;
import java.util.Objects;

/** A literal with a decimal point and no exponent, e.g. {@code 1.5}; kept as written. */
public record DecimalLiteral(SourceLocation location, String value) implements Expression {

    public DecimalLiteral {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(value, "value");
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitDecimalLiteral(this, context);
    }

    @Override
    public List<Node> children() {
        return List.of();
    }
}
