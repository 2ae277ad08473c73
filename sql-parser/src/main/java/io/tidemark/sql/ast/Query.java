package io.tidemark.sql.ast;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A query: {@code [WITH ...] body [ORDER BY ...] [OFFSET n] [LIMIT n]}. {@code LIMIT ALL} parses to no limit. */
public record Query(SourceLocation location, List<WithQuery> with, QueryBody body, List<SortItem> orderBy, Optional<Expression> offset, Optional<Expression> limit) implements Statement {

    public Query {
        Objects.requireNonNull(location, "location");
        with = List.copyOf(with);
        Objects.requireNonNull(body, "body");
        orderBy = List.copyOf(orderBy);
        Objects.requireNonNull(offset, "offset");
        Objects.requireNonNull(limit, "limit");
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitQuery(this, context);
    }

    @Override
    public List<Node> children() {
        return ChildNodes.of(with, body, orderBy, offset, limit);
    }
}
