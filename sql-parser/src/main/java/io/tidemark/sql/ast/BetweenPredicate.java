package io.tidemark.sql.ast;

import java.util.List;
import java.util.Objects;

/** {@code value [NOT] BETWEEN min AND max}. */
public record BetweenPredicate(SourceLocation location, Expression value, Expression min, Expression max, boolean negated) implements Expression {

    public BetweenPredicate {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitBetweenPredicate(this, context);
    }

    @Override
    public List<Node> children() {
        return ChildNodes.of(value, min, max);
    }
}
