package io.tidemark.sql.ast;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@code ROWS|RANGE start} or {@code ROWS|RANGE BETWEEN start AND end}. */
public record WindowFrame(SourceLocation location, Type type, FrameBound start, Optional<FrameBound> end) implements Node {

    public WindowFrame {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
    }

    /** Whether bounds count rows or compare ORDER BY values. */
    public enum Type { ROWS, RANGE }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitWindowFrame(this, context);
    }

    @Override
    public List<Node> children() {
        return ChildNodes.of(start, end);
    }
}
