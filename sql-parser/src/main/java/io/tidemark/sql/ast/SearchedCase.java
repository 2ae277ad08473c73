package io.tidemark.sql.ast;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@code CASE WHEN condition THEN result ... [ELSE default] END}. */
public record SearchedCase(SourceLocation location, List<WhenClause> whenClauses, Optional<Expression> defaultValue) implements Expression {

    public SearchedCase {
        Objects.requireNonNull(location, "location");
        whenClauses = List.copyOf(whenClauses);
        Objects.requireNonNull(defaultValue, "defaultValue");
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitSearchedCase(this, context);
    }

    @Override
    public List<Node> children() {
        return ChildNodes.of(whenClauses, defaultValue);
    }
}
