package io.tidemark.sql.parser;

import io.tidemark.sql.ast.AllColumns;
import io.tidemark.sql.ast.Expression;
import io.tidemark.sql.ast.GroupBy;
import io.tidemark.sql.ast.Identifier;
import io.tidemark.sql.ast.LongLiteral;
import io.tidemark.sql.ast.NestedQuery;
import io.tidemark.sql.ast.Parameter;
import io.tidemark.sql.ast.Query;
import io.tidemark.sql.ast.QueryBody;
import io.tidemark.sql.ast.QuerySpecification;
import io.tidemark.sql.ast.Relation;
import io.tidemark.sql.ast.Select;
import io.tidemark.sql.ast.SelectItem;
import io.tidemark.sql.ast.SetOperation;
import io.tidemark.sql.ast.SingleColumn;
import io.tidemark.sql.ast.SortItem;
import io.tidemark.sql.ast.SourceLocation;
import io.tidemark.sql.ast.Values;
import io.tidemark.sql.ast.WithQuery;
import io.tidemark.sql.lexer.Token;
import io.tidemark.sql.lexer.TokenType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Queries: {@code [WITH ...] term [ORDER BY ...] [OFFSET n [ROWS]] [LIMIT n|ALL]} (OFFSET and
 * LIMIT in either order), set operations (INTERSECT binds tighter than UNION and EXCEPT, all
 * left-associative), SELECT blocks and VALUES. FROM clauses are parsed by {@link RelationParser}.
 */
final class QueryParser {

    /** Non-reserved words that start a clause, so they never become an alias without AS. */
    static final Set<String> CLAUSE_WORDS = Set.of("LIMIT", "OFFSET", "FETCH", "WINDOW", "TABLESAMPLE");

    private final TokenStream tokens;
    private final ExpressionParser expressions;
    private final RelationParser relations;

    QueryParser(TokenStream tokens) {
        this.tokens = tokens;
        this.expressions = new ExpressionParser(tokens, this);
        this.relations = new RelationParser(tokens, expressions, this);
    }

    ExpressionParser expressions() {
        return expressions;
    }

    /** True if the current token starts a query: SELECT, WITH, VALUES. */
    boolean atQueryStart() {
        return atQueryStart(tokens.current());
    }

    static boolean atQueryStart(Token token) {
        return token.isKeyword("SELECT") || token.isKeyword("WITH") || token.isKeyword("VALUES");
    }

    /** True if a parenthesis opening a query is next: {@code (SELECT ...}, {@code (WITH ...}, {@code (VALUES ...}. */
    boolean atParenthesizedQuery() {
        return tokens.current().type() == TokenType.LPAREN && atQueryStart(tokens.peek(1));
    }

    Query parseQuery() {
        tokens.enter();
        try {
            SourceLocation location = tokens.location();
            List<WithQuery> with = List.of();
            if (tokens.acceptKeyword("WITH")) {
                with = parseWithQueries();
            }
            QueryBody body = parseUnionTerm();
            List<SortItem> orderBy = List.of();
            if (tokens.acceptKeyword("ORDER")) {
                tokens.expectKeyword("BY");
                orderBy = expressions.parseSortItems();
            }
            Optional<Expression> offset = Optional.empty();
            Optional<Expression> limit = Optional.empty();
            boolean limitSeen = false;
            for (int clause = 0; clause < 2; clause++) {
                if (offset.isEmpty() && tokens.acceptKeyword("OFFSET")) {
                    offset = Optional.of(parseRowCount());
                    if (!tokens.acceptKeyword("ROWS")) {
                        tokens.acceptKeyword("ROW");
                    }
                } else if (!limitSeen && tokens.acceptKeyword("LIMIT")) {
                    limitSeen = true;
                    limit = tokens.acceptKeyword("ALL") ? Optional.empty() : Optional.of(parseRowCount());
                }
            }
            return new Query(location, with, body, orderBy, offset, limit);
        } finally {
            tokens.exit();
        }
    }

    private Expression parseRowCount() {
        Token token = tokens.current();
        SourceLocation location = tokens.location();
        if (tokens.at(TokenType.INTEGER)) {
            tokens.next();
            return new LongLiteral(location, PrimaryParser.parseLong(token));
        }
        if (tokens.at(TokenType.PARAMETER)) {
            tokens.next();
            return new Parameter(location, token.value());
        }
        throw tokens.unexpected();
    }

    private List<WithQuery> parseWithQueries() {
        List<WithQuery> queries = new ArrayList<>();
        do {
            SourceLocation location = tokens.location();
            Identifier name = expressions.parseIdentifier();
            List<Identifier> columns = tokens.at(TokenType.LPAREN) ? parseIdentifierList() : List.of();
            tokens.expectKeyword("AS");
            tokens.expect(TokenType.LPAREN);
            Query query = parseQuery();
            tokens.expect(TokenType.RPAREN);
            queries.add(new WithQuery(location, name, columns, query));
        } while (tokens.accept(TokenType.COMMA));
        return queries;
    }

    /** {@code (name, ...)}. */
    List<Identifier> parseIdentifierList() {
        tokens.expect(TokenType.LPAREN);
        List<Identifier> names = new ArrayList<>();
        do {
            names.add(expressions.parseIdentifier());
        } while (tokens.accept(TokenType.COMMA));
        tokens.expect(TokenType.RPAREN);
        return names;
    }

    private QueryBody parseUnionTerm() {
        QueryBody left = parseIntersectTerm();
        while (true) {
            SetOperation.Operator operator;
            if (tokens.acceptKeyword("UNION")) {
                operator = SetOperation.Operator.UNION;
            } else if (tokens.acceptKeyword("EXCEPT")) {
                operator = SetOperation.Operator.EXCEPT;
            } else {
                return left;
            }
            boolean distinct = parseSetQuantifier();
            left = new SetOperation(left.location(), operator, distinct, left, parseIntersectTerm());
        }
    }

    private QueryBody parseIntersectTerm() {
        QueryBody left = parseQueryPrimary();
        while (tokens.acceptKeyword("INTERSECT")) {
            boolean distinct = parseSetQuantifier();
            left = new SetOperation(left.location(), SetOperation.Operator.INTERSECT, distinct, left,
                    parseQueryPrimary());
        }
        return left;
    }

    /** {@code ALL} (false), or {@code DISTINCT} / nothing (true). */
    private boolean parseSetQuantifier() {
        if (tokens.acceptKeyword("ALL")) {
            return false;
        }
        tokens.acceptKeyword("DISTINCT");
        return true;
    }

    /** {@code DISTINCT} (true), or {@code ALL} / nothing (false), as after SELECT and GROUP BY. */
    private boolean parseSelectQuantifier() {
        if (tokens.acceptKeyword("DISTINCT")) {
            return true;
        }
        tokens.acceptKeyword("ALL");
        return false;
    }

    private QueryBody parseQueryPrimary() {
        SourceLocation location = tokens.location();
        if (tokens.atKeyword("SELECT")) {
            return parseQuerySpecification(location);
        }
        if (tokens.acceptKeyword("VALUES")) {
            return new Values(location, expressions.parseExpressionList());
        }
        if (tokens.accept(TokenType.LPAREN)) {
            Query query = parseQuery();
            tokens.expect(TokenType.RPAREN);
            return new NestedQuery(location, query);
        }
        throw tokens.unexpected();
    }

    private QuerySpecification parseQuerySpecification(SourceLocation location) {
        tokens.expectKeyword("SELECT");
        boolean distinct = parseSelectQuantifier();
        List<SelectItem> items = new ArrayList<>();
        do {
            items.add(parseSelectItem());
        } while (tokens.accept(TokenType.COMMA));
        Select select = new Select(location, distinct, items);
        Optional<Relation> from = tokens.acceptKeyword("FROM")
                ? Optional.of(relations.parseFromList()) : Optional.empty();
        Optional<Expression> where = tokens.acceptKeyword("WHERE")
                ? Optional.of(expressions.parseExpression()) : Optional.empty();
        Optional<GroupBy> groupBy = Optional.empty();
        SourceLocation groupLocation = tokens.location();
        if (tokens.acceptKeyword("GROUP")) {
            tokens.expectKeyword("BY");
            boolean groupDistinct = parseSelectQuantifier();
            List<Expression> keys = List.of();
            if (tokens.current().type() == TokenType.LPAREN && tokens.peek(1).type() == TokenType.RPAREN) {
                tokens.next();
                tokens.next();
            } else {
                keys = expressions.parseExpressionList();
            }
            groupBy = Optional.of(new GroupBy(groupLocation, groupDistinct, keys));
        }
        Optional<Expression> having = tokens.acceptKeyword("HAVING")
                ? Optional.of(expressions.parseExpression()) : Optional.empty();
        return new QuerySpecification(location, select, from, where, groupBy, having);
    }

    private SelectItem parseSelectItem() {
        SourceLocation location = tokens.location();
        if (tokens.accept(TokenType.ASTERISK)) {
            return new AllColumns(location, Optional.empty());
        }
        Expression expression = expressions.parseExpression();
        if (tokens.current().type() == TokenType.DOT && tokens.peek(1).type() == TokenType.ASTERISK) {
            tokens.next();
            tokens.next();
            return new AllColumns(location, Optional.of(expression));
        }
        return new SingleColumn(location, expression, parseAlias());
    }

    /** {@code AS name}, or a bare name that is neither reserved nor a clause word. */
    Optional<Identifier> parseAlias() {
        if (tokens.acceptKeyword("AS")) {
            return Optional.of(expressions.parseIdentifier());
        }
        Token token = tokens.current();
        boolean clauseWord = token.type() == TokenType.IDENTIFIER && CLAUSE_WORDS.contains(token.upperText());
        if (!clauseWord && tokens.atIdentifier()) {
            return Optional.of(expressions.parseIdentifier());
        }
        return Optional.empty();
    }
}
