package io.tidemark.sql.ast;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@code CASE operand WHEN value THEN result ... [ELSE default] END}. */
public record SimpleCase(SourceLocation location, Expression operand, List<WhenClause> whenClauses, Optional<Expression> defaultValue) implements Expression {

    public SimpleCase {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(operand, "operand");
        whenClauses = List.copyOf(whenClauses);
        Objects.requireNonNull(defaultValue, "defaultValue");
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitSimpleCase(this, context);
    }

    @Override
    public List<Node> children() {
        return ChildNodes.of(operand, whenClauses, defaultValue);
    }
}
