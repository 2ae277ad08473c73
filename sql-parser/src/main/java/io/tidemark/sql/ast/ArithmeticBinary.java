package io.tidemark.sql.ast;

import java.util.List;
import java.util.Objects;

/** {@code left + - * / % right}. */
public record ArithmeticBinary(SourceLocation location, Operator operator, Expression left, Expression right) implements Expression {

    public ArithmeticBinary {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(right, "right");
    }

    /** An arithmetic operator with its SQL symbol. */
    public enum Operator {
        ADD("+"), SUBTRACT("-"), MULTIPLY("*"), DIVIDE("/"), MODULUS("%");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitArithmeticBinary(this, context);
    }

    @Override
    public List<Node> children() {
        return ChildNodes.of(left, right);
    }
}
