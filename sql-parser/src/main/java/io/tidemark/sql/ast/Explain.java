package io.tidemark.sql.ast;

import java.util.List;
import java.util.Objects;

/** {@code EXPLAIN statement}: show the plan instead of running the statement. */
public record Explain(SourceLocation location, Statement statement) implements Statement {

    public Explain {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(statement, "statement");
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitExplain(this, context);
    }

    @Override
    public List<Node> children() {
        return ChildNodes.of(statement);
    }
}
