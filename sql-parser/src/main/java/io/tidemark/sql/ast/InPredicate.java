package io.tidemark.sql.ast;

import java.util.List;
import java.util.Objects;

/** {@code value [NOT] IN (list)}; the list is an {@link InList} or a {@link SubqueryExpression}. */
public record InPredicate(SourceLocation location, Expression value, Expression valueList, boolean negated) implements Expression {

    public InPredicate {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(valueList, "valueList");
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitInPredicate(this, context);
    }

    @Override
    public List<Node> children() {
        return ChildNodes.of(value, valueList);
    }
}
