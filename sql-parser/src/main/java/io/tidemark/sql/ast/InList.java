package io.tidemark.sql.ast;

import java.util.List;
import java.util.Objects;

/** The parenthesized list of an IN predicate. */
public record InList(SourceLocation location, List<Expression> values) implements Expression {

    public InList {
        Objects.requireNonNull(location, "location");
        values = List.copyOf(values);
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitInList(this, context);
    }

    @Override
    public List<Node> children() {
        return ChildNodes.of(values);
    }
}
