package io.tidemark.sql.ast;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@code name([DISTINCT] args) [FILTER (WHERE filter)] [OVER (window)]}; {@code allRows} marks {@code name(*)}, as in {@code count(*)}, which has no arguments. IF, COALESCE and NULLIF are function calls. */
public record FunctionCall(SourceLocation location, QualifiedName name, boolean distinct, List<Expression> arguments, boolean allRows, Optional<Expression> filter, Optional<Window> window) implements Expression {

    public FunctionCall {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(name, "name");
        arguments = List.copyOf(arguments);
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(window, "window");
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitFunctionCall(this, context);
    }

    @Override
    public List<Node> children() {
        return ChildNodes.of(name, arguments, filter, window);
    }
}
