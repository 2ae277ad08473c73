package io.tidemark.sql.parser;

import io.tidemark.sql.ast.ArrayConstructor;
import io.tidemark.sql.ast.BooleanLiteral;
import io.tidemark.sql.ast.Cast;
import io.tidemark.sql.ast.CurrentTime;
import io.tidemark.sql.ast.DecimalLiteral;
import io.tidemark.sql.ast.DoubleLiteral;
import io.tidemark.sql.ast.DurationLiteral;
import io.tidemark.sql.ast.DurationUnit;
import io.tidemark.sql.ast.ExistsPredicate;
import io.tidemark.sql.ast.Expression;
import io.tidemark.sql.ast.Extract;
import io.tidemark.sql.ast.FunctionCall;
import io.tidemark.sql.ast.Identifier;
import io.tidemark.sql.ast.IntervalField;
import io.tidemark.sql.ast.IntervalLiteral;
import io.tidemark.sql.ast.LongLiteral;
import io.tidemark.sql.ast.NullLiteral;
import io.tidemark.sql.ast.Parameter;
import io.tidemark.sql.ast.QualifiedName;
import io.tidemark.sql.ast.RowConstructor;
import io.tidemark.sql.ast.SearchedCase;
import io.tidemark.sql.ast.SimpleCase;
import io.tidemark.sql.ast.SortItem;
import io.tidemark.sql.ast.SourceLocation;
import io.tidemark.sql.ast.StringLiteral;
import io.tidemark.sql.ast.TypedLiteral;
import io.tidemark.sql.ast.WhenClause;
import io.tidemark.sql.ast.Window;
import io.tidemark.sql.lexer.Keywords;
import io.tidemark.sql.lexer.Token;
import io.tidemark.sql.lexer.TokenType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Primary expressions: literals (numbers, strings, durations, intervals, typed literals such
 * as {@code TIMESTAMP 'text'}), names, function calls (with DISTINCT, FILTER and OVER), CASE,
 * CAST/TRY_CAST, EXTRACT, EXISTS, subqueries, ARRAY[...], ROW(...), parenthesized expressions
 * and row lists, and the niladic CURRENT_* functions. Window specifications are parsed by
 * {@link WindowParser}, types by {@link TypeParser}.
 */
final class PrimaryParser {

    private final TokenStream tokens;
    private final ExpressionParser expressions;
    private final QueryParser queries;
    private final TypeParser types;
    private final WindowParser windows;

    PrimaryParser(TokenStream tokens, ExpressionParser expressions, QueryParser queries) {
        this.tokens = tokens;
        this.expressions = expressions;
        this.queries = queries;
        this.types = new TypeParser(tokens, expressions);
        this.windows = new WindowParser(tokens, expressions);
    }

    TypeParser types() {
        return types;
    }

    Expression parsePrimary() {
        Token token = tokens.current();
        SourceLocation location = tokens.location();
        switch (token.type()) {
            case INTEGER:
                tokens.next();
                return new LongLiteral(location, parseLong(token));
            case DECIMAL:
                tokens.next();
                return new DecimalLiteral(location, token.text());
            case DOUBLE:
                tokens.next();
                return new DoubleLiteral(location, parseDouble(token));
            case DURATION:
                tokens.next();
                return parseDuration(location, token);
            case STRING:
                tokens.next();
                return new StringLiteral(location, token.value());
            case PARAMETER:
                tokens.next();
                return new Parameter(location, token.value());
            case LPAREN:
                return parseParenthesized(location);
            case QUOTED_IDENTIFIER:
                return parseName(location);
            case IDENTIFIER:
                return parseKeywordOrName(location, token);
            default:
                tokens.expecting("<expression>");
                throw tokens.unexpected();
        }
    }

    private Expression parseKeywordOrName(SourceLocation location, Token token) {
        TokenType following = tokens.peek(1).type();
        String word = token.upperText();
        switch (word) {
            case "TRUE":
            case "FALSE":
                tokens.next();
                return new BooleanLiteral(location, word.equals("TRUE"));
            case "NULL":
                tokens.next();
                return new NullLiteral(location);
            case "CASE":
                tokens.next();
                return parseCase(location);
            case "CAST":
                tokens.next();
                return parseCast(location, false);
            case "EXISTS":
                tokens.next();
                return new ExistsPredicate(location, expressions.parseParenthesizedQuery().query());
            case "EXTRACT":
                tokens.next();
                return parseExtract(location);
            case "CURRENT_DATE":
            case "CURRENT_TIME":
            case "CURRENT_TIMESTAMP":
            case "LOCALTIME":
            case "LOCALTIMESTAMP":
                tokens.next();
                return new CurrentTime(location, CurrentTime.Function.valueOf(word));
            default:
                break;
        }
        if (word.equals("TRY_CAST") && following == TokenType.LPAREN) {
            tokens.next();
            return parseCast(location, true);
        }
        if (word.equals("ARRAY") && following == TokenType.LBRACKET) {
            tokens.next();
            return parseArray(location);
        }
        if (word.equals("ROW") && following == TokenType.LPAREN) {
            tokens.next();
            return new RowConstructor(location, parseArguments());
        }
        if (word.equals("POSITION") && following == TokenType.LPAREN) {
            tokens.next();
            return parsePosition(location);
        }
        if (word.equals("INTERVAL") && (following == TokenType.STRING
                || ((following == TokenType.PLUS || following == TokenType.MINUS)
                        && tokens.peek(2).type() == TokenType.STRING))) {
            tokens.next();
            return parseInterval(location);
        }
        if (Keywords.isReserved(word)) {
            tokens.expecting("<expression>");
            throw tokens.unexpected();
        }
        if (following == TokenType.STRING) {
            tokens.next();
            return new TypedLiteral(location, word, tokens.next().value());
        }
        return parseName(location);
    }

    /** A column name, or a function call when a parenthesis follows. */
    private Expression parseName(SourceLocation location) {
        Identifier name = expressions.parseIdentifier();
        if (tokens.current().type() != TokenType.LPAREN) {
            return name;
        }
        return parseFunctionCall(location, new QualifiedName(location, List.of(name)));
    }

    private Expression parseFunctionCall(SourceLocation location, QualifiedName name) {
        tokens.expect(TokenType.LPAREN);
        boolean distinct = false;
        boolean allRows = false;
        List<Expression> arguments = List.of();
        if (tokens.current().isKeyword("DISTINCT")) {
            tokens.next();
            distinct = true;
            arguments = expressions.parseExpressionList();
        } else if (tokens.accept(TokenType.ASTERISK)) {
            allRows = true;
        } else if (!tokens.at(TokenType.RPAREN)) {
            arguments = expressions.parseExpressionList();
        }
        List<SortItem> orderBy = List.of();
        if (!allRows && !arguments.isEmpty() && tokens.current().isKeyword("ORDER")) {
            tokens.next();
            tokens.expectKeyword("BY");
            orderBy = expressions.parseSortItems();
        }
        tokens.expect(TokenType.RPAREN);
        Optional<Expression> filter = Optional.empty();
        if (tokens.current().isKeyword("FILTER") && tokens.peek(1).type() == TokenType.LPAREN) {
            tokens.next();
            tokens.next();
            tokens.expectKeyword("WHERE");
            filter = Optional.of(expressions.parseExpression());
            tokens.expect(TokenType.RPAREN);
        }
        Optional<FunctionCall.NullTreatment> nullTreatment = Optional.empty();
        if ((tokens.current().isKeyword("IGNORE") || tokens.current().isKeyword("RESPECT")) && tokens.peek(1).isKeyword("NULLS")) {
            nullTreatment = Optional.of(tokens.next().isKeyword("IGNORE") ? FunctionCall.NullTreatment.IGNORE : FunctionCall.NullTreatment.RESPECT);
            tokens.next();
            if (!tokens.atKeyword("OVER")) {
                throw tokens.unexpected();
            }
        }
        Optional<Window> window = Optional.empty();
        if (tokens.current().isKeyword("OVER")) {
            tokens.next();
            window = Optional.of(windows.parseWindow());
        }
        return new FunctionCall(location, name, distinct, arguments, allRows, filter, window, orderBy, nullTreatment);
    }

    /** {@code (query)}, a lambda-free {@code (expression)}, or a row {@code (a, b, ...)}. */
    private Expression parseParenthesized(SourceLocation location) {
        if (queries.atParenthesizedQuery()) {
            return expressions.parseParenthesizedQuery();
        }
        tokens.next();
        Expression first = expressions.parseExpression();
        if (!tokens.at(TokenType.COMMA)) {
            tokens.expect(TokenType.RPAREN);
            return first;
        }
        List<Expression> values = new ArrayList<>();
        values.add(first);
        while (tokens.accept(TokenType.COMMA)) {
            values.add(expressions.parseExpression());
        }
        tokens.expect(TokenType.RPAREN);
        return new RowConstructor(location, values);
    }

    private List<Expression> parseArguments() {
        tokens.expect(TokenType.LPAREN);
        List<Expression> values = expressions.parseExpressionList();
        tokens.expect(TokenType.RPAREN);
        return values;
    }

    private Expression parseArray(SourceLocation location) {
        tokens.expect(TokenType.LBRACKET);
        List<Expression> values = List.of();
        if (!tokens.at(TokenType.RBRACKET)) {
            values = expressions.parseExpressionList();
        }
        tokens.expect(TokenType.RBRACKET);
        return new ArrayConstructor(location, values);
    }

    private Expression parseCase(SourceLocation location) {
        Optional<Expression> operand = tokens.current().isKeyword("WHEN")
                ? Optional.empty() : Optional.of(expressions.parseExpression());
        List<WhenClause> whens = new ArrayList<>();
        do {
            SourceLocation whenLocation = tokens.location();
            tokens.expectKeyword("WHEN");
            Expression when = expressions.parseExpression();
            tokens.expectKeyword("THEN");
            whens.add(new WhenClause(whenLocation, when, expressions.parseExpression()));
        } while (tokens.atKeyword("WHEN"));
        Optional<Expression> otherwise = tokens.acceptKeyword("ELSE")
                ? Optional.of(expressions.parseExpression()) : Optional.empty();
        tokens.expectKeyword("END");
        return operand.isPresent()
                ? new SimpleCase(location, operand.get(), whens, otherwise)
                : new SearchedCase(location, whens, otherwise);
    }

    private Expression parseCast(SourceLocation location, boolean safe) {
        tokens.expect(TokenType.LPAREN);
        Expression value = expressions.parseExpression();
        tokens.expectKeyword("AS");
        Cast cast = new Cast(location, value, types.parseType(), safe);
        tokens.expect(TokenType.RPAREN);
        return cast;
    }

    private Expression parseExtract(SourceLocation location) {
        tokens.expect(TokenType.LPAREN);
        Identifier field = expressions.parseIdentifier();
        tokens.expectKeyword("FROM");
        Extract extract = new Extract(location, field, expressions.parseExpression());
        tokens.expect(TokenType.RPAREN);
        return extract;
    }

    /** {@code position(needle IN haystack)} is {@code strpos(haystack, needle)}. */
    private Expression parsePosition(SourceLocation location) {
        tokens.expect(TokenType.LPAREN);
        Expression needle = expressions.parseValue();
        tokens.expectKeyword("IN");
        Expression haystack = expressions.parseValue();
        tokens.expect(TokenType.RPAREN);
        QualifiedName strpos = new QualifiedName(location, List.of(new Identifier(location, "strpos", false)));
        return new FunctionCall(location, strpos, false, List.of(haystack, needle), false, Optional.empty(),
                Optional.empty());
    }

    private Expression parseInterval(SourceLocation location) {
        boolean negative = false;
        if (tokens.accept(TokenType.MINUS)) {
            negative = true;
        } else {
            tokens.accept(TokenType.PLUS);
        }
        String value = tokens.expect(TokenType.STRING).value();
        IntervalField from = types.parseIntervalField();
        Optional<IntervalField> to = tokens.acceptKeyword("TO")
                ? Optional.of(types.parseIntervalField()) : Optional.empty();
        return new IntervalLiteral(location, value, negative, from, to);
    }

    private static Expression parseDuration(SourceLocation location, Token token) {
        String amount = token.value();
        DurationUnit unit = DurationUnit.fromSuffix(token.text().substring(amount.length()))
                .orElseThrow(() -> new IllegalStateException("the lexer accepted a bad duration " + token.text()));
        try {
            return new DurationLiteral(location, Long.parseLong(amount), unit);
        } catch (NumberFormatException e) {
            throw new ParseException(token.line(), token.column(),
                    "cannot read duration '" + token.text() + "': the amount is out of range of bigint");
        }
    }

    static long parseLong(Token token) {
        try {
            return Long.parseLong(token.text());
        } catch (NumberFormatException e) {
            throw new ParseException(token.line(), token.column(),
                    "cannot read integer literal '" + token.text() + "': out of range of bigint");
        }
    }

    private static double parseDouble(Token token) {
        double value = Double.parseDouble(token.text().toLowerCase(Locale.ROOT));
        if (Double.isInfinite(value)) {
            throw new ParseException(token.line(), token.column(),
                    "cannot read number '" + token.text() + "': out of range of double");
        }
        return value;
    }
}
