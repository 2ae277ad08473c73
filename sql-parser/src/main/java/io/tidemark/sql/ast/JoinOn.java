package io.tidemark.sql.ast;

import java.util.List;
import java.util.Objects;

/** {@code ON condition} of a join. */
public record JoinOn(SourceLocation location, Expression condition) implements JoinCriteria {

    public JoinOn {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(condition, "condition");
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitJoinOn(this, context);
    }

    @Override
    public List<Node> children() {
        return ChildNodes.of(condition);
    }
}
