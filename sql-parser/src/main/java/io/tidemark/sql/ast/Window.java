package io.tidemark.sql.ast;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The {@code OVER (...)} specification of a window function. */
public record Window(SourceLocation location, List<Expression> partitionBy, List<SortItem> orderBy, Optional<WindowFrame> frame) implements Node {

    public Window {
        Objects.requireNonNull(location, "location");
        partitionBy = List.copyOf(partitionBy);
        orderBy = List.copyOf(orderBy);
        Objects.requireNonNull(frame, "frame");
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitWindow(this, context);
    }

    @Override
    public List<Node> children() {
        return ChildNodes.of(partitionBy, orderBy, frame);
    }
}
