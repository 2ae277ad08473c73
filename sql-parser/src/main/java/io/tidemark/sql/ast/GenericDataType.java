package io.tidemark.sql.ast;

import java.util.List;
import java.util.Objects;

/** A type by name with optional parameters: {@code bigint}, {@code varchar(10)}, {@code array(double)}, {@code map(varchar, bigint)}. */
public record GenericDataType(SourceLocation location, Identifier name, List<DataTypeParameter> parameters) implements DataType {

    public GenericDataType {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(name, "name");
        parameters = List.copyOf(parameters);
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitGenericDataType(this, context);
    }

    @Override
    public List<Node> children() {
        return ChildNodes.of(name, parameters);
    }
}
