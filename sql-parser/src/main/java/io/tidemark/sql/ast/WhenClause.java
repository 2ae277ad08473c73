package io.tidemark.sql.ast;

import java.util.List;
import java.util.Objects;

/** {@code WHEN operand THEN result} of a CASE. */
public record WhenClause(SourceLocation location, Expression operand, Expression result) implements Node {

    public WhenClause {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(operand, "operand");
        Objects.requireNonNull(result, "result");
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitWhenClause(this, context);
    }

    @Override
    public List<Node> children() {
        return ChildNodes.of(operand, result);
    }
}
