package io.tidemark.sql.ast;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@code *} or {@code prefix.*} in a select list. */
public record AllColumns(SourceLocation location, Optional<Expression> prefix) implements SelectItem {

    public AllColumns {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(prefix, "prefix");
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitAllColumns(this, context);
    }

    @Override
    public List<Node> children() {
        return ChildNodes.of(prefix);
    }
}
