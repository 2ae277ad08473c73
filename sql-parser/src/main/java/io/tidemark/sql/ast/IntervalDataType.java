package io.tidemark.sql.ast;

import java.util.List;
import java.util.Objects;

/** {@code INTERVAL from TO to}, e.g. {@code INTERVAL DAY TO SECOND}. */
public record IntervalDataType(SourceLocation location, IntervalField from, IntervalField to) implements DataType {

    public IntervalDataType {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitIntervalDataType(this, context);
    }

    @Override
    public List<Node> children() {
        return List.of();
    }
}
