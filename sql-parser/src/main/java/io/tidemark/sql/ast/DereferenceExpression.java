package io.tidemark.sql.ast;

import java.util.List;
import java.util.Objects;

/** Field access {@code base.field}: a qualified column {@code t.c} or a row field {@code r.f}. */
public record DereferenceExpression(SourceLocation location, Expression base, Identifier field) implements Expression {

    public DereferenceExpression {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(field, "field");
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitDereferenceExpression(this, context);
    }

    @Override
    public List<Node> children() {
        return ChildNodes.of(base, field);
    }
}
