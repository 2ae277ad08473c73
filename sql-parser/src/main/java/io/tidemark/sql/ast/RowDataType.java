package io.tidemark.sql.ast;

import java.util.List;
import java.util.Objects;

/** {@code ROW(name type, ...)}; field names are optional. */
public record RowDataType(SourceLocation location, List<RowField> fields) implements DataType {

    public RowDataType {
        Objects.requireNonNull(location, "location");
        fields = List.copyOf(fields);
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitRowDataType(this, context);
    }

    @Override
    public List<Node> children() {
        return ChildNodes.of(fields);
    }
}
