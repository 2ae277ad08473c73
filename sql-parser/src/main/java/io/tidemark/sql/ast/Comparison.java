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

        /** The operator with its operands swapped: {@code 5 < x} is {@code x > 5}; the symmetric ones are themselves. */
        public Operator swapped() {
            switch (this) {
                case LESS_THAN:
                    return GREATER_THAN;
                case LESS_THAN_OR_EQUAL:
                    return GREATER_THAN_OR_EQUAL;
                case GREATER_THAN:
                    return LESS_THAN;
                case GREATER_THAN_OR_EQUAL:
                    return LESS_THAN_OR_EQUAL;
                default:
                    return this;
            }
        }

        /** True for {@code = < <= > >=}: a value compared so bounds a range; a NULL operand never passes. */
        public boolean bounds() {
            return this == EQUAL || this == LESS_THAN || this == LESS_THAN_OR_EQUAL || this == GREATER_THAN
                    || this == GREATER_THAN_OR_EQUAL;
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
