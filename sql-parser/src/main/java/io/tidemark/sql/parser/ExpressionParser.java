package io.tidemark.sql.parser;

import io.tidemark.sql.ast.ArithmeticBinary;
import io.tidemark.sql.ast.ArithmeticUnary;
import io.tidemark.sql.ast.BetweenPredicate;
import io.tidemark.sql.ast.Cast;
import io.tidemark.sql.ast.Comparison;
import io.tidemark.sql.ast.Concatenation;
import io.tidemark.sql.ast.DereferenceExpression;
import io.tidemark.sql.ast.Expression;
import io.tidemark.sql.ast.Identifier;
import io.tidemark.sql.ast.InList;
import io.tidemark.sql.ast.InPredicate;
import io.tidemark.sql.ast.IsNullPredicate;
import io.tidemark.sql.ast.Lambda;
import io.tidemark.sql.ast.LikePredicate;
import io.tidemark.sql.ast.Logical;
import io.tidemark.sql.ast.Not;
import io.tidemark.sql.ast.QualifiedName;
import io.tidemark.sql.ast.QuantifiedComparison;
import io.tidemark.sql.ast.SortItem;
import io.tidemark.sql.ast.SourceLocation;
import io.tidemark.sql.ast.Subscript;
import io.tidemark.sql.ast.SubqueryExpression;
import io.tidemark.sql.lexer.Token;
import io.tidemark.sql.lexer.TokenType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Expressions by precedence climbing, loosest first: lambda, OR, AND, NOT, one predicate
 * (comparison, quantified comparison, IS, BETWEEN, IN, LIKE), {@code ||}, {@code + -},
 * {@code * / %}, unary sign, postfix ({@code [i]}, {@code .field}, {@code ::type}), primary
 * (see {@link PrimaryParser}). As in Trino, predicates do not chain: {@code a = b = c} is an error.
 *
 * <p>Operator probes after a complete operand do not enter the "Expecting" list of an error
 * message, which therefore names the clause-level alternatives rather than every operator.
 */
final class ExpressionParser {

    private final TokenStream tokens;
    private final QueryParser queries;
    private final PrimaryParser primaries;

    ExpressionParser(TokenStream tokens, QueryParser queries) {
        this.tokens = tokens;
        this.queries = queries;
        this.primaries = new PrimaryParser(tokens, this, queries);
    }

    Expression parseExpression() {
        tokens.enter();
        try {
            if (atLambda()) {
                return parseLambda();
            }
            return parseOr();
        } finally {
            tokens.exit();
        }
    }

    List<Expression> parseExpressionList() {
        List<Expression> expressions = new ArrayList<>();
        do {
            expressions.add(parseExpression());
        } while (tokens.accept(TokenType.COMMA));
        return expressions;
    }

    /** {@code key [ASC|DESC] [NULLS FIRST|LAST]}. */
    SortItem parseSortItem() {
        Expression key = parseExpression();
        SortItem.Ordering ordering = SortItem.Ordering.ASCENDING;
        if (tokens.acceptKeyword("DESC")) {
            ordering = SortItem.Ordering.DESCENDING;
        } else {
            tokens.acceptKeyword("ASC");
        }
        SortItem.NullOrdering nulls = SortItem.NullOrdering.UNDEFINED;
        if (tokens.acceptKeyword("NULLS")) {
            if (tokens.acceptKeyword("FIRST")) {
                nulls = SortItem.NullOrdering.FIRST;
            } else {
                tokens.expectKeyword("LAST");
                nulls = SortItem.NullOrdering.LAST;
            }
        }
        return new SortItem(key.location(), key, ordering, nulls);
    }

    List<SortItem> parseSortItems() {
        List<SortItem> items = new ArrayList<>();
        do {
            items.add(parseSortItem());
        } while (tokens.accept(TokenType.COMMA));
        return items;
    }

    /** {@code x -> body}, {@code (a, b) -> body} or {@code () -> body}, recognised by looking ahead. */
    private boolean atLambda() {
        Token first = tokens.current();
        if (first.isName()) {
            return tokens.peek(1).type() == TokenType.ARROW;
        }
        if (first.type() != TokenType.LPAREN) {
            return false;
        }
        int ahead = 1;
        if (tokens.peek(ahead).type() != TokenType.RPAREN) {
            while (true) {
                if (!tokens.peek(ahead).isName()) {
                    return false;
                }
                ahead++;
                if (tokens.peek(ahead).type() != TokenType.COMMA) {
                    break;
                }
                ahead++;
            }
            if (tokens.peek(ahead).type() != TokenType.RPAREN) {
                return false;
            }
        }
        return tokens.peek(ahead + 1).type() == TokenType.ARROW;
    }

    private Expression parseLambda() {
        SourceLocation location = tokens.location();
        List<Identifier> parameters = new ArrayList<>();
        if (tokens.accept(TokenType.LPAREN)) {
            if (!tokens.at(TokenType.RPAREN)) {
                do {
                    parameters.add(parseIdentifier());
                } while (tokens.accept(TokenType.COMMA));
            }
            tokens.expect(TokenType.RPAREN);
        } else {
            parameters.add(parseIdentifier());
        }
        tokens.expect(TokenType.ARROW);
        return new Lambda(location, parameters, parseExpression());
    }

    /** A name: quoted, or unquoted and not reserved. */
    Identifier parseIdentifier() {
        if (!tokens.atIdentifier()) {
            throw tokens.unexpected();
        }
        Token token = tokens.next();
        return new Identifier(TokenStream.location(token), token.value(),
                token.type() == TokenType.QUOTED_IDENTIFIER);
    }

    /** A dotted name such as {@code "db"."table"}. */
    QualifiedName parseQualifiedName() {
        SourceLocation location = tokens.location();
        List<Identifier> parts = new ArrayList<>();
        do {
            parts.add(parseIdentifier());
        } while (tokens.accept(TokenType.DOT));
        return new QualifiedName(location, parts);
    }

    private Expression parseOr() {
        return parseChain(Logical.Operator.OR, this::parseAnd);
    }

    private Expression parseAnd() {
        return parseChain(Logical.Operator.AND, this::parseNot);
    }

    /** {@code term [op term ...]} as one flat {@link Logical}, or the single term. */
    private Expression parseChain(Logical.Operator operator, Supplier<Expression> parseTerm) {
        Expression first = parseTerm.get();
        if (!tokens.current().isKeyword(operator.name())) {
            return first;
        }
        List<Expression> terms = new ArrayList<>();
        terms.add(first);
        while (tokens.current().isKeyword(operator.name())) {
            tokens.next();
            terms.add(parseTerm.get());
        }
        return new Logical(first.location(), operator, terms);
    }

    private Expression parseNot() {
        if (!tokens.current().isKeyword("NOT")) {
            return parsePredicate();
        }
        SourceLocation location = tokens.location();
        tokens.next();
        tokens.enter();
        try {
            return new Not(location, parseNot());
        } finally {
            tokens.exit();
        }
    }

    private Expression parsePredicate() {
        Expression value = parseValue();
        Token token = tokens.current();
        Comparison.Operator comparison = comparisonOperator(token.type());
        if (comparison != null) {
            tokens.next();
            return parseComparisonRight(value, comparison);
        }
        if (token.isKeyword("IS")) {
            tokens.next();
            return parseIsPredicate(value);
        }
        boolean negated = token.isKeyword("NOT") && isPredicateKeyword(tokens.peek(1));
        if (negated) {
            tokens.next();
        }
        Token keyword = tokens.current();
        if (keyword.isKeyword("BETWEEN")) {
            tokens.next();
            Expression min = parseValue();
            tokens.expectKeyword("AND");
            return new BetweenPredicate(value.location(), value, min, parseValue(), negated);
        }
        if (keyword.isKeyword("IN")) {
            tokens.next();
            return new InPredicate(value.location(), value, parseInList(), negated);
        }
        if (keyword.isKeyword("LIKE")) {
            tokens.next();
            Expression pattern = parseValue();
            Optional<Expression> escape = tokens.acceptKeyword("ESCAPE") ? Optional.of(parseValue()) : Optional.empty();
            return new LikePredicate(value.location(), value, pattern, escape, negated);
        }
        return value;
    }

    private static boolean isPredicateKeyword(Token token) {
        return token.isKeyword("BETWEEN") || token.isKeyword("IN") || token.isKeyword("LIKE");
    }

    private Expression parseComparisonRight(Expression left, Comparison.Operator operator) {
        Token token = tokens.current();
        QuantifiedComparison.Quantifier quantifier = null;
        if (tokens.peek(1).type() == TokenType.LPAREN) {
            if (token.isKeyword("ALL")) {
                quantifier = QuantifiedComparison.Quantifier.ALL;
            } else if (token.isKeyword("ANY")) {
                quantifier = QuantifiedComparison.Quantifier.ANY;
            } else if (token.isKeyword("SOME")) {
                quantifier = QuantifiedComparison.Quantifier.SOME;
            }
        }
        if (quantifier == null) {
            return new Comparison(left.location(), operator, left, parseValue());
        }
        tokens.next();
        return new QuantifiedComparison(left.location(), operator, quantifier, left, parseParenthesizedQuery());
    }

    private Expression parseIsPredicate(Expression value) {
        boolean negated = tokens.acceptKeyword("NOT");
        if (tokens.acceptKeyword("NULL")) {
            return new IsNullPredicate(value.location(), value, negated);
        }
        tokens.expectKeyword("DISTINCT");
        tokens.expectKeyword("FROM");
        Comparison.Operator operator = negated
                ? Comparison.Operator.IS_NOT_DISTINCT_FROM : Comparison.Operator.IS_DISTINCT_FROM;
        return new Comparison(value.location(), operator, value, parseValue());
    }

    private Expression parseInList() {
        if (queries.atParenthesizedQuery()) {
            return parseParenthesizedQuery();
        }
        SourceLocation location = tokens.location();
        tokens.expect(TokenType.LPAREN);
        List<Expression> values = parseExpressionList();
        tokens.expect(TokenType.RPAREN);
        return new InList(location, values);
    }

    /** {@code (query)} as a value. */
    SubqueryExpression parseParenthesizedQuery() {
        SourceLocation location = tokens.location();
        tokens.expect(TokenType.LPAREN);
        SubqueryExpression subquery = new SubqueryExpression(location, queries.parseQuery());
        tokens.expect(TokenType.RPAREN);
        return subquery;
    }

    private static Comparison.Operator comparisonOperator(TokenType type) {
        switch (type) {
            case EQ: return Comparison.Operator.EQUAL;
            case NEQ: return Comparison.Operator.NOT_EQUAL;
            case LT: return Comparison.Operator.LESS_THAN;
            case LTE: return Comparison.Operator.LESS_THAN_OR_EQUAL;
            case GT: return Comparison.Operator.GREATER_THAN;
            case GTE: return Comparison.Operator.GREATER_THAN_OR_EQUAL;
            default: return null;
        }
    }

    /** A value expression: everything below the predicates. */
    Expression parseValue() {
        Expression left = parseAdditive();
        while (tokens.current().type() == TokenType.CONCAT) {
            tokens.next();
            left = new Concatenation(left.location(), left, parseAdditive());
        }
        return left;
    }

    private Expression parseAdditive() {
        Expression left = parseMultiplicative();
        while (true) {
            TokenType type = tokens.current().type();
            if (type != TokenType.PLUS && type != TokenType.MINUS) {
                return left;
            }
            tokens.next();
            ArithmeticBinary.Operator operator = type == TokenType.PLUS
                    ? ArithmeticBinary.Operator.ADD : ArithmeticBinary.Operator.SUBTRACT;
            left = new ArithmeticBinary(left.location(), operator, left, parseMultiplicative());
        }
    }

    private Expression parseMultiplicative() {
        Expression left = parseUnary();
        while (true) {
            ArithmeticBinary.Operator operator;
            switch (tokens.current().type()) {
                case ASTERISK: operator = ArithmeticBinary.Operator.MULTIPLY; break;
                case SLASH: operator = ArithmeticBinary.Operator.DIVIDE; break;
                case PERCENT: operator = ArithmeticBinary.Operator.MODULUS; break;
                default: return left;
            }
            tokens.next();
            left = new ArithmeticBinary(left.location(), operator, left, parseUnary());
        }
    }

    private Expression parseUnary() {
        TokenType type = tokens.current().type();
        if (type != TokenType.PLUS && type != TokenType.MINUS) {
            return parsePostfix();
        }
        SourceLocation location = tokens.location();
        tokens.next();
        tokens.enter();
        try {
            return new ArithmeticUnary(location, type == TokenType.MINUS, parseUnary());
        } finally {
            tokens.exit();
        }
    }

    private Expression parsePostfix() {
        Expression base = primaries.parsePrimary();
        while (true) {
            TokenType type = tokens.current().type();
            if (type == TokenType.LBRACKET) {
                tokens.next();
                Expression index = parseExpression();
                tokens.expect(TokenType.RBRACKET);
                base = new Subscript(base.location(), base, index);
            } else if (type == TokenType.DOT && tokens.peek(1).type() != TokenType.ASTERISK) {
                tokens.next();
                base = new DereferenceExpression(base.location(), base, parseIdentifier());
            } else if (type == TokenType.DOUBLE_COLON) {
                tokens.next();
                base = new Cast(base.location(), base, primaries.types().parseType(), false);
            } else {
                return base;
            }
        }
    }
}
