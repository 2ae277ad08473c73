package io.tidemark.sql.ast;

import java.util.List;
import java.util.Objects;

/** {@code VALUES row, ...}; a multi-column row is a {@link RowConstructor}. */
public record Values(SourceLocation location, List<Expression> rows) implements QueryBody {

    public Values {
        Objects.requireNonNull(location, "location");
        rows = List.copyOf(rows);
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitValues(this, context);
    }

    @Override
    public List<Node> children() {
        return ChildNodes.of(rows);
    }
}
