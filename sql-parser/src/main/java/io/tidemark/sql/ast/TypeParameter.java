package io.tidemark.sql.ast;

import java.util.List;
import java.util.Objects;

/** A type given as a type parameter, such as the double of {@code array(double)}. */
public record TypeParameter(SourceLocation location, DataType type) implements DataTypeParameter {

    public TypeParameter {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(type, "type");
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitTypeParameter(this, context);
    }

    @Override
    public List<Node> children() {
        return ChildNodes.of(type);
    }
}
