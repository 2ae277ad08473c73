package io.tidemark.sql.ast;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@code SHOW MEASURES FROM database.table [LIKE pattern]}. */
public record ShowMeasures(SourceLocation location, QualifiedName table, Optional<StringLiteral> like) implements Statement {

    public ShowMeasures {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(like, "like");
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitShowMeasures(this, context);
    }

    @Override
    public List<Node> children() {
        return ChildNodes.of(table, like);
    }
}
