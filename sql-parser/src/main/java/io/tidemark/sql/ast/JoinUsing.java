package io.tidemark.sql.ast;

import java.util.List;
import java.util.Objects;

/** {@code USING (column, ...)} of a join. */
public record JoinUsing(SourceLocation location, List<Identifier> columns) implements JoinCriteria {

    public JoinUsing {
        Objects.requireNonNull(location, "location");
        columns = List.copyOf(columns);
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitJoinUsing(this, context);
    }

    @Override
    public List<Node> children() {
        return ChildNodes.of(columns);
    }
}
