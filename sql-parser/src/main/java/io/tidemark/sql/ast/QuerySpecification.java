package io.tidemark.sql.ast;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One {@code SELECT ... [FROM ...] [WHERE ...] [GROUP BY ...] [HAVING ...]} block. */
public record QuerySpecification(SourceLocation location, Select select, Optional<Relation> from, Optional<Expression> where, Optional<GroupBy> groupBy, Optional<Expression> having) implements QueryBody {

    public QuerySpecification {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(select, "select");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(groupBy, "groupBy");
        Objects.requireNonNull(having, "having");
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitQuerySpecification(this, context);
    }

    @Override
    public List<Node> children() {
        return ChildNodes.of(select, from, where, groupBy, having);
    }
}
