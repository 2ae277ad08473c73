package io.tidemark.sql.ast;

import java.util.List;
import java.util.Objects;

/** {@code a AND b AND ...} or {@code a OR b OR ...} as one flat list, so long chains nest no deeper than one level. */
public record Logical(SourceLocation location, Operator operator, List<Expression> terms) implements Expression {

    public Logical {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(operator, "operator");
        terms = List.copyOf(terms);
    }

    /** AND or OR. */
    public enum Operator { AND, OR }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitLogical(this, context);
    }

    @Override
    public List<Node> children() {
        return ChildNodes.of(terms);
    }
}
