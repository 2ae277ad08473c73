package io.tidemark.sql.ast;

import java.util.List;
import java.util.Objects;

/** {@code UNLOAD (query) TO 's3://...' WITH (name = value, ...)}; parsed only. */
public record Unload(SourceLocation location, Query query, StringLiteral destination, List<Property> properties) implements Statement {

    public Unload {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(destination, "destination");
        properties = List.copyOf(properties);
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitUnload(this, context);
    }

    @Override
    public List<Node> children() {
        return ChildNodes.of(query, destination, properties);
    }
}
