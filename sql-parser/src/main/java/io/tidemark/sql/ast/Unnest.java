package io.tidemark.sql.ast;

import java.util.List;
import java.util.Objects;

/** {@code UNNEST(expr, ...) [WITH ORDINALITY]}: arrays or a timeseries as rows. */
public record Unnest(SourceLocation location, List<Expression> expressions, boolean withOrdinality) implements Relation {

    public Unnest {
        Objects.requireNonNull(location, "location");
        expressions = List.copyOf(expressions);
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitUnnest(this, context);
    }

    @Override
    public List<Node> children() {
        return ChildNodes.of(expressions);
    }
}
