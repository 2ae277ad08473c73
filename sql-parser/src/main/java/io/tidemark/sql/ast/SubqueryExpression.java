package io.tidemark.sql.ast;

import java.util.List;
import java.util.Objects;

/** A parenthesized query used as a value: scalar, or the list of IN or a quantified comparison. */
public record SubqueryExpression(SourceLocation location, Query query) implements Expression {

    public SubqueryExpression {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(query, "query");
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitSubqueryExpression(this, context);
    }

    @Override
    public List<Node> children() {
        return ChildNodes.of(query);
    }
}
