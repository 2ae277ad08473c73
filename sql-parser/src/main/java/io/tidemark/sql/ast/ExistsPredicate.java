package io.tidemark.sql.ast;

import java.util.List;
import java.util.Objects;

/** {@code EXISTS (query)}. */
public record ExistsPredicate(SourceLocation location, Query query) implements Expression {

    public ExistsPredicate {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(query, "query");
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitExistsPredicate(this, context);
    }

    @Override
    public List<Node> children() {
        return ChildNodes.of(query);
    }
}
