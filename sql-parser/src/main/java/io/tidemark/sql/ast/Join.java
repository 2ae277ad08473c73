package io.tidemark.sql.ast;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A join of two relations. CROSS and IMPLICIT (comma) joins have no criteria; the others need ON or USING. */
public record Join(SourceLocation location, Type type, Relation left, Relation right, Optional<JoinCriteria> criteria) implements Relation {

    public Join {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(right, "right");
        Objects.requireNonNull(criteria, "criteria");
    }

    /** The join type; IMPLICIT is the comma join of a FROM list. */
    public enum Type { CROSS, INNER, LEFT, RIGHT, FULL, IMPLICIT }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitJoin(this, context);
    }

    @Override
    public List<Node> children() {
        return ChildNodes.of(left, right, criteria);
    }
}
