package io.tidemark.sql.ast;

import java.util.List;
import java.util.Objects;

/** {@code value op ALL|ANY|SOME (query)}. */
public record QuantifiedComparison(SourceLocation location, Comparison.Operator operator, Quantifier quantifier, Expression value, Expression subquery) implements Expression {

    public QuantifiedComparison {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(quantifier, "quantifier");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(subquery, "subquery");
    }

    /** The quantifier; SOME is a synonym of ANY kept as written. */
    public enum Quantifier { ALL, ANY, SOME }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitQuantifiedComparison(this, context);
    }

    @Override
    public List<Node> children() {
        return ChildNodes.of(value, subquery);
    }
}
