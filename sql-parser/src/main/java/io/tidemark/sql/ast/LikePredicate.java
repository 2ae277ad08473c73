package io.tidemark.sql.ast;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@code value [NOT] LIKE pattern [ESCAPE escape]}. */
public record LikePredicate(SourceLocation location, Expression value, Expression pattern, Optional<Expression> escape, boolean negated) implements Expression {

    public LikePredicate {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(escape, "escape");
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitLikePredicate(this, context);
    }

    @Override
    public List<Node> children() {
        return ChildNodes.of(value, pattern, escape);
    }
}
