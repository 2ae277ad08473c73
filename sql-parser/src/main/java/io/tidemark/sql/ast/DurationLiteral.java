package io.tidemark.sql.ast;

import java.util.List;
import java.util.Objects;

/** Timestream duration shorthand such as {@code 15m}, {@code 1h} or {@code 12second}: an interval day to second. */
public record DurationLiteral(SourceLocation location, long amount, DurationUnit unit) implements Expression {

    public DurationLiteral {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(unit, "unit");
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitDurationLiteral(this, context);
    }

    @Override
    public List<Node> children() {
        return List.of();
    }
}
