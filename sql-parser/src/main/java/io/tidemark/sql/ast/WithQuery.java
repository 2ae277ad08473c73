package io.tidemark.sql.ast;

import java.util.List;
import java.util.Objects;

/** One named query of a {@code WITH} clause: {@code name [(columns)] AS (query)}. */
public record WithQuery(SourceLocation location, Identifier name, List<Identifier> columnNames, Query query) implements Node {

    public WithQuery {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(name, "name");
        columnNames = List.copyOf(columnNames);
        Objects.requireNonNull(query, "query");
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitWithQuery(this, context);
    }

    @Override
    public List<Node> children() {
        return ChildNodes.of(name, columnNames, query);
    }
}
