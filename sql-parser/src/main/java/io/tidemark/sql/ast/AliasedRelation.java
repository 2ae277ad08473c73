package io.tidemark.sql.ast;

import java.util.List;
import java.util.Objects;

/** {@code relation [AS] alias [(column, ...)]}. */
public record AliasedRelation(SourceLocation location, Relation relation, Identifier alias, List<Identifier> columnNames) implements Relation {

    public AliasedRelation {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(relation, "relation");
        Objects.requireNonNull(alias, "alias");
        columnNames = List.copyOf(columnNames);
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitAliasedRelation(this, context);
    }

    @Override
    public List<Node> children() {
        return ChildNodes.of(relation, alias, columnNames);
    }
}
