package io.tidemark.sql.ast;

import java.util.List;
import java.util.Objects;

/**
 * {@code GROUP BY [ALL|DISTINCT] key, ...}; an integer literal key is an ordinal of the select list,
 * and no keys at all is the empty grouping set {@code GROUP BY ()} (one group, even over no rows).
 */
public record GroupBy(SourceLocation location, boolean distinct, List<Expression> keys) implements Node {

    public GroupBy {
        Objects.requireNonNull(location, "location");
        keys = List.copyOf(keys);
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitGroupBy(this, context);
    }

    @Override
    public List<Node> children() {
        return ChildNodes.of(keys);
    }
}
