package io.tidemark.sql.ast;

import java.util.List;
import java.util.Objects;

/** A derived table: {@code (query)} in FROM (including {@code (VALUES ...)}). */
public record TableSubquery(SourceLocation location, Query query) implements Relation {

    public TableSubquery {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(query, "query");
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitTableSubquery(this, context);
    }

    @Override
    public List<Node> children() {
        return ChildNodes.of(query);
    }
}
