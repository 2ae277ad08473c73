package io.tidemark.sql.ast;

import java.util.List;
import java.util.Objects;

/** {@code left UNION|INTERSECT|EXCEPT [ALL|DISTINCT] right}; {@code distinct} is false only for ALL. */
public record SetOperation(SourceLocation location, Operator operator, boolean distinct, QueryBody left, QueryBody right) implements QueryBody {

    public SetOperation {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(right, "right");
    }

    /** The set operator. INTERSECT binds tighter than UNION and EXCEPT. */
    public enum Operator { UNION, INTERSECT, EXCEPT }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitSetOperation(this, context);
    }

    @Override
    public List<Node> children() {
        return ChildNodes.of(left, right);
    }
}
