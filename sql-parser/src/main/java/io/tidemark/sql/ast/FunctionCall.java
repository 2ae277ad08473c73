package io.tidemark.sql.ast;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code name([DISTINCT] args [ORDER BY keys]) [FILTER (WHERE filter)] [IGNORE | RESPECT NULLS] [OVER (window)]};
 * {@code allRows} marks {@code name(*)}, as in {@code count(*)}, which has no arguments. IF,
 * COALESCE and NULLIF are function calls. {@code orderBy} is the input order of an ordered
 * aggregate ({@code array_agg(x ORDER BY time)}); {@code nullTreatment} is present when the call
 * says IGNORE NULLS or RESPECT NULLS (value window functions only).
 */
public record FunctionCall(SourceLocation location, QualifiedName name, boolean distinct, List<Expression> arguments, boolean allRows,
        Optional<Expression> filter, Optional<Window> window, List<SortItem> orderBy, Optional<NullTreatment> nullTreatment)
        implements Expression {

    /** IGNORE NULLS or RESPECT NULLS after a window function call. */
    public enum NullTreatment { IGNORE, RESPECT }

    public FunctionCall {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(name, "name");
        arguments = List.copyOf(arguments);
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(window, "window");
        orderBy = List.copyOf(orderBy);
        Objects.requireNonNull(nullTreatment, "nullTreatment");
    }

    /** A call without ORDER BY inside it and without a null treatment. */
    public FunctionCall(SourceLocation location, QualifiedName name, boolean distinct, List<Expression> arguments, boolean allRows,
            Optional<Expression> filter, Optional<Window> window) {
        this(location, name, distinct, arguments, allRows, filter, window, List.of(), Optional.empty());
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitFunctionCall(this, context);
    }

    @Override
    public List<Node> children() {
        return ChildNodes.of(name, arguments, orderBy, filter, window);
    }
}
