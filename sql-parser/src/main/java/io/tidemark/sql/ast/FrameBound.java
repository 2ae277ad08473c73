package io.tidemark.sql.ast;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One bound of a window frame; PRECEDING and FOLLOWING carry an offset. */
public record FrameBound(SourceLocation location, Type type, Optional<Expression> offset) implements Node {

    public FrameBound {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(offset, "offset");
    }

    /** The bound kind. */
    public enum Type { UNBOUNDED_PRECEDING, PRECEDING, CURRENT_ROW, FOLLOWING, UNBOUNDED_FOLLOWING }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitFrameBound(this, context);
    }

    @Override
    public List<Node> children() {
        return ChildNodes.of(offset);
    }
}
