package io.tidemark.sql.ast;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** An ANSI interval literal {@code INTERVAL [+|-] 'value' from [TO to]}. */
public record IntervalLiteral(SourceLocation location, String value, boolean negative, IntervalField from, Optional<IntervalField> to) implements Expression {

    public IntervalLiteral {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitIntervalLiteral(this, context);
    }

    @Override
    public List<Node> children() {
        return List.of();
    }
}
