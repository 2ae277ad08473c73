package io.tidemark.sql.parser;

import io.tidemark.sql.ast.AliasedRelation;
import io.tidemark.sql.ast.Expression;
import io.tidemark.sql.ast.Identifier;
import io.tidemark.sql.ast.Join;
import io.tidemark.sql.ast.JoinCriteria;
import io.tidemark.sql.ast.JoinOn;
import io.tidemark.sql.ast.JoinUsing;
import io.tidemark.sql.ast.Relation;
import io.tidemark.sql.ast.SourceLocation;
import io.tidemark.sql.ast.Table;
import io.tidemark.sql.ast.TableSubquery;
import io.tidemark.sql.ast.Unnest;
import io.tidemark.sql.lexer.TokenType;
import java.util.List;
import java.util.Optional;

/**
 * FROM clauses: a comma list of relations (IMPLICIT joins), each a chain of joins
 * ({@code CROSS JOIN}, {@code [INNER] JOIN}, {@code LEFT|RIGHT|FULL [OUTER] JOIN} with ON or USING)
 * over aliased primaries: a table name, {@code (query)}, {@code (relation)} or
 * {@code UNNEST(...) [WITH ORDINALITY]}, each optionally {@code [AS] alias [(columns)]}.
 */
final class RelationParser {

    private final TokenStream tokens;
    private final ExpressionParser expressions;
    private final QueryParser queries;

    RelationParser(TokenStream tokens, ExpressionParser expressions, QueryParser queries) {
        this.tokens = tokens;
        this.expressions = expressions;
        this.queries = queries;
    }

    Relation parseFromList() {
        Relation left = parseRelation();
        while (tokens.accept(TokenType.COMMA)) {
            left = new Join(left.location(), Join.Type.IMPLICIT, left, parseRelation(), Optional.empty());
        }
        return left;
    }

    private Relation parseRelation() {
        Relation left = parseAliasedPrimary();
        while (true) {
            Join.Type type = parseJoinType();
            if (type == null) {
                return left;
            }
            Relation right = parseAliasedPrimary();
            Optional<JoinCriteria> criteria = type == Join.Type.CROSS
                    ? Optional.empty() : Optional.of(parseJoinCriteria());
            left = new Join(left.location(), type, left, right, criteria);
        }
    }

    /** The join keywords up to and including JOIN, or null when no join follows. */
    private Join.Type parseJoinType() {
        Join.Type type;
        if (tokens.acceptKeyword("CROSS")) {
            type = Join.Type.CROSS;
        } else if (tokens.acceptKeyword("INNER")) {
            type = Join.Type.INNER;
        } else if (tokens.acceptKeyword("LEFT")) {
            type = Join.Type.LEFT;
        } else if (tokens.acceptKeyword("RIGHT")) {
            type = Join.Type.RIGHT;
        } else if (tokens.acceptKeyword("FULL")) {
            type = Join.Type.FULL;
        } else if (tokens.atKeyword("JOIN")) {
            type = Join.Type.INNER;
        } else {
            return null;
        }
        if (type == Join.Type.LEFT || type == Join.Type.RIGHT || type == Join.Type.FULL) {
            tokens.acceptKeyword("OUTER");
        }
        tokens.expectKeyword("JOIN");
        return type;
    }

    private JoinCriteria parseJoinCriteria() {
        SourceLocation location = tokens.location();
        if (tokens.acceptKeyword("ON")) {
            return new JoinOn(location, expressions.parseExpression());
        }
        if (tokens.acceptKeyword("USING")) {
            return new JoinUsing(location, queries.parseIdentifierList());
        }
        throw tokens.unexpected();
    }

    private Relation parseAliasedPrimary() {
        Relation primary = parsePrimary();
        Optional<Identifier> alias = queries.parseAlias();
        if (alias.isEmpty()) {
            return primary;
        }
        List<Identifier> columns = tokens.at(TokenType.LPAREN) ? queries.parseIdentifierList() : List.of();
        return new AliasedRelation(primary.location(), primary, alias.get(), columns);
    }

    private Relation parsePrimary() {
        SourceLocation location = tokens.location();
        if (tokens.atKeyword("UNNEST")) {
            tokens.next();
            tokens.expect(TokenType.LPAREN);
            List<Expression> arrays = expressions.parseExpressionList();
            tokens.expect(TokenType.RPAREN);
            boolean ordinality = false;
            if (tokens.acceptKeyword("WITH")) {
                tokens.expectKeyword("ORDINALITY");
                ordinality = true;
            }
            return new Unnest(location, arrays, ordinality);
        }
        if (tokens.at(TokenType.LPAREN)) {
            return parseParenthesized(location);
        }
        return new Table(location, expressions.parseQualifiedName());
    }

    /** {@code (query)} when the first token after the parentheses starts a query, else {@code (relation)}. */
    private Relation parseParenthesized(SourceLocation location) {
        tokens.enter();
        try {
            int ahead = 0;
            while (tokens.peek(ahead).type() == TokenType.LPAREN && ahead <= TokenStream.MAX_NESTING) {
                ahead++;
            }
            tokens.next();
            Relation relation = QueryParser.atQueryStart(tokens.peek(ahead - 1))
                    ? new TableSubquery(location, queries.parseQuery())
                    : parseRelation();
            tokens.expect(TokenType.RPAREN);
            return relation;
        } finally {
            tokens.exit();
        }
    }
}
