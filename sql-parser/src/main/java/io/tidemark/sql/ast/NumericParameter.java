package io.tidemark.sql.ast;

import java.util.List;
import java.util.Objects;

/** A numeric type parameter such as the 10 of {@code varchar(10)}. */
public record NumericParameter(SourceLocation location, long value) implements DataTypeParameter {

    public NumericParameter {
        Objects.requireNonNull(location, "location");
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitNumericParameter(this, context);
    }

    @Override
    public List<Node> children() {
        return List.of();
    }
}
