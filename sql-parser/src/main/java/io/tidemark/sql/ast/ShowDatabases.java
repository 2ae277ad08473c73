package io.tidemark.sql.ast;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@code SHOW DATABASES [LIKE pattern]}. */
public record ShowDatabases(SourceLocation location, Optional<StringLiteral> like) implements Statement {

    public ShowDatabases {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(like, "like");
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitShowDatabases(this, context);
    }

    @Override
    public List<Node> children() {
        return ChildNodes.of(like);
    }
}
