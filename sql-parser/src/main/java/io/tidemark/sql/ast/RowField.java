package io.tidemark.sql.ast;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One field of a {@link RowDataType}. */
public record RowField(SourceLocation location, Optional<Identifier> name, DataType type) implements Node {

    public RowField {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitRowField(this, context);
    }

    @Override
    public List<Node> children() {
        return ChildNodes.of(name, type);
    }
}
