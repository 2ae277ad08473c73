package io.tidemark.sql.ast;

import java.util.List;
import java.util.Objects;

/** {@code CURRENT_DATE}, {@code CURRENT_TIME}, {@code CURRENT_TIMESTAMP}, {@code LOCALTIME} or {@code LOCALTIMESTAMP}, written without parentheses. */
public record CurrentTime(SourceLocation location, Function function) implements Expression {

    public CurrentTime {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(function, "function");
    }

    /** Which niladic time function. */
    public enum Function { CURRENT_DATE, CURRENT_TIME, CURRENT_TIMESTAMP, LOCALTIME, LOCALTIMESTAMP }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitCurrentTime(this, context);
    }

    @Override
    public List<Node> children() {
        return List.of();
    }
}
