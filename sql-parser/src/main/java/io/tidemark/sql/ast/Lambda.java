package io.tidemark.sql.ast;

import java.util.List;
import java.util.Objects;

/** {@code x -> body} or {@code (a, b) -> body}. */
public record Lambda(SourceLocation location, List<Identifier> parameters, Expression body) implements Expression {

    public Lambda {
        Objects.requireNonNull(location, "location");
        parameters = List.copyOf(parameters);
        Objects.requireNonNull(body, "body");
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitLambda(this, context);
    }

    @Override
    public List<Node> children() {
        return ChildNodes.of(parameters, body);
    }
}
