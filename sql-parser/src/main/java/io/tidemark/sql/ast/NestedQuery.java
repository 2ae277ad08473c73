package io.tidemark.sql.ast;

import java.util.List;
import java.util.Objects;

/** A parenthesized query used as an operand of a set operation, e.g. {@code (SELECT ... LIMIT 1) UNION ...}. */
public record NestedQuery(SourceLocation location, Query query) implements QueryBody {

    public NestedQuery {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(query, "query");
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitNestedQuery(this, context);
    }

    @Override
    public List<Node> children() {
        return ChildNodes.of(query);
    }
}
