package io.tidemark.sql.ast;

import java.util.List;
import java.util.Objects;

/** {@code value IS [NOT] NULL}. */
public record IsNullPredicate(SourceLocation location, Expression value, boolean negated) implements Expression {

    public IsNullPredicate {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(value, "value");
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitIsNullPredicate(this, context);
    }

    @Override
    public List<Node> children() {
        return ChildNodes.of(value);
    }
}
