package io.tidemark.sql.format;

import io.tidemark.sql.ast.ArithmeticBinary;
import io.tidemark.sql.ast.ArithmeticUnary;
import io.tidemark.sql.ast.BetweenPredicate;
import io.tidemark.sql.ast.Comparison;
import io.tidemark.sql.ast.Concatenation;
import io.tidemark.sql.ast.Expression;
import io.tidemark.sql.ast.InPredicate;
import io.tidemark.sql.ast.IsNullPredicate;
import io.tidemark.sql.ast.Lambda;
import io.tidemark.sql.ast.LikePredicate;
import io.tidemark.sql.ast.Logical;
import io.tidemark.sql.ast.Not;
import io.tidemark.sql.ast.QuantifiedComparison;

/**
 * How tightly an expression binds, loosest first, mirroring the parser's precedence climbing.
 * The predicates (comparison, IS, IN, BETWEEN, LIKE) share one level because they do not chain.
 */
enum Precedence {
    LAMBDA, OR, AND, NOT, PREDICATE, CONCATENATION, ADDITIVE, MULTIPLICATIVE, UNARY, PRIMARY;

    /** The next tighter level: the minimum for the right operand of a left-associative operator. */
    Precedence next() {
        return values()[ordinal() + 1];
    }

    static Precedence of(Expression expression) {
        if (expression instanceof Lambda) {
            return LAMBDA;
        }
        if (expression instanceof Logical) {
            return ((Logical) expression).operator() == Logical.Operator.OR ? OR : AND;
        }
        if (expression instanceof Not) {
            return NOT;
        }
        if (expression instanceof Comparison || expression instanceof QuantifiedComparison
                || expression instanceof IsNullPredicate || expression instanceof InPredicate
                || expression instanceof BetweenPredicate || expression instanceof LikePredicate) {
            return PREDICATE;
        }
        if (expression instanceof Concatenation) {
            return CONCATENATION;
        }
        if (expression instanceof ArithmeticBinary) {
            ArithmeticBinary.Operator operator = ((ArithmeticBinary) expression).operator();
            boolean additive = operator == ArithmeticBinary.Operator.ADD || operator == ArithmeticBinary.Operator.SUBTRACT;
            return additive ? ADDITIVE : MULTIPLICATIVE;
        }
        if (expression instanceof ArithmeticUnary) {
            return UNARY;
        }
        return PRIMARY;
    }
}
