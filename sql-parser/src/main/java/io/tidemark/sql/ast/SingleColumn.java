package io.tidemark.sql.ast;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@code expression [[AS] alias]} in a select list. */
public record SingleColumn(SourceLocation location, Expression expression, Optional<Identifier> alias) implements SelectItem {

    public SingleColumn {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(alias, "alias");
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitSingleColumn(this, context);
    }

    @Override
    public List<Node> children() {
        return ChildNodes.of(expression, alias);
    }
}
