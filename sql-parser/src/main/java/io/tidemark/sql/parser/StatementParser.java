package io.tidemark.sql.parser;

import io.tidemark.sql.ast.Describe;
import io.tidemark.sql.ast.Explain;
import io.tidemark.sql.ast.Identifier;
import io.tidemark.sql.ast.Property;
import io.tidemark.sql.ast.QualifiedName;
import io.tidemark.sql.ast.Query;
import io.tidemark.sql.ast.ShowDatabases;
import io.tidemark.sql.ast.ShowMeasures;
import io.tidemark.sql.ast.ShowTables;
import io.tidemark.sql.ast.SourceLocation;
import io.tidemark.sql.ast.Statement;
import io.tidemark.sql.ast.StringLiteral;
import io.tidemark.sql.ast.Unload;
import io.tidemark.sql.lexer.Token;
import io.tidemark.sql.lexer.TokenType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Statements: a query, {@code EXPLAIN statement}, {@code SHOW DATABASES|TABLES|MEASURES},
 * {@code DESCRIBE table} and {@code UNLOAD (query) TO 'location' [WITH (name = value, ...)]}.
 */
final class StatementParser {

    private final TokenStream tokens;
    private final QueryParser queries;

    StatementParser(TokenStream tokens) {
        this.tokens = tokens;
        this.queries = new QueryParser(tokens);
    }

    ExpressionParser expressions() {
        return queries.expressions();
    }

    Statement parseStatement() {
        SourceLocation location = tokens.location();
        if (tokens.acceptKeyword("EXPLAIN")) {
            tokens.enter();
            try {
                return new Explain(location, parseStatement());
            } finally {
                tokens.exit();
            }
        }
        if (tokens.acceptKeyword("SHOW")) {
            return parseShow(location);
        }
        if (tokens.acceptKeyword("DESCRIBE")) {
            return new Describe(location, expressions().parseQualifiedName());
        }
        if (tokens.acceptKeyword("UNLOAD")) {
            return parseUnload(location);
        }
        // '|', not '||': every check records its alternative for the error message
        boolean query = tokens.atKeyword("SELECT") | tokens.atKeyword("WITH") | tokens.atKeyword("VALUES")
                | tokens.at(TokenType.LPAREN);
        if (!query) {
            throw tokens.unexpected();
        }
        return queries.parseQuery();
    }

    private Statement parseShow(SourceLocation location) {
        if (tokens.acceptKeyword("DATABASES")) {
            return new ShowDatabases(location, parseLike());
        }
        if (tokens.acceptKeyword("TABLES")) {
            Optional<Identifier> database = Optional.empty();
            if (tokens.acceptKeyword("FROM") || tokens.acceptKeyword("IN")) {
                database = Optional.of(expressions().parseIdentifier());
            }
            return new ShowTables(location, database, parseLike());
        }
        tokens.expectKeyword("MEASURES");
        if (!tokens.acceptKeyword("FROM")) {
            tokens.expectKeyword("IN");
        }
        QualifiedName table = expressions().parseQualifiedName();
        return new ShowMeasures(location, table, parseLike());
    }

    private Optional<StringLiteral> parseLike() {
        if (!tokens.acceptKeyword("LIKE")) {
            return Optional.empty();
        }
        return Optional.of(parseString());
    }

    private StringLiteral parseString() {
        SourceLocation location = tokens.location();
        Token pattern = tokens.expect(TokenType.STRING);
        return new StringLiteral(location, pattern.value());
    }

    private Statement parseUnload(SourceLocation location) {
        tokens.expect(TokenType.LPAREN);
        Query query = queries.parseQuery();
        tokens.expect(TokenType.RPAREN);
        tokens.expectKeyword("TO");
        StringLiteral destination = parseString();
        List<Property> properties = new ArrayList<>();
        if (tokens.acceptKeyword("WITH")) {
            tokens.expect(TokenType.LPAREN);
            do {
                SourceLocation propertyLocation = tokens.location();
                Identifier name = expressions().parseIdentifier();
                tokens.expect(TokenType.EQ);
                properties.add(new Property(propertyLocation, name, expressions().parseExpression()));
            } while (tokens.accept(TokenType.COMMA));
            tokens.expect(TokenType.RPAREN);
        }
        return new Unload(location, query, destination, properties);
    }
}
