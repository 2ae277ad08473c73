package io.tidemark.sql.ast;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@code SHOW TABLES [FROM database] [LIKE pattern]}. */
public record ShowTables(SourceLocation location, Optional<Identifier> database, Optional<StringLiteral> like) implements Statement {

    public ShowTables {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(like, "like");
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitShowTables(this, context);
    }

    @Override
    public List<Node> children() {
        return ChildNodes.of(database, like);
    }
}
