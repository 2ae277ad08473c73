package io.tidemark.sql.ast;

import java.util.List;
import java.util.Objects;

/** {@code left op right} for {@code = <> != < <= > >=} and {@code IS [NOT] DISTINCT FROM}. */
public record Comparison(SourceLocation location, Operator operator, Expression left, Expression right) implements Expression {

    public Comparison {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(right, "right");
    }

    /** A comparison operator with its SQL spelling. */
    public enum Operator {
        EQUAL("="), NOT_EQUAL("<>"), LESS_THAN("<"), LESS_THAN_OR_EQUAL("<="), GREATER_THAN(">"),
        GREATER_THAN_OR_EQUAL(">="), IS_DISTINCT_FROM("IS DISTINCT FROM"), IS_NOT_DISTINCT_FROM("IS NOT DISTINCT FROM");

        private final String sql;

        Operator(String sql) {
            this.sql = sql;
        }

        public String sql() {
            return sql;
        }
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitComparison(this, context);
    }

    @Override
    public List<Node> children() {
        return ChildNodes.of(left, right);
    }
}
