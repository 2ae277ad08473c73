package io.tidemark.sql.parser;

import io.tidemark.sql.ast.DataType;
import io.tidemark.sql.ast.DataTypeParameter;
import io.tidemark.sql.ast.GenericDataType;
import io.tidemark.sql.ast.Identifier;
import io.tidemark.sql.ast.IntervalDataType;
import io.tidemark.sql.ast.IntervalField;
import io.tidemark.sql.ast.NumericParameter;
import io.tidemark.sql.ast.RowDataType;
import io.tidemark.sql.ast.RowField;
import io.tidemark.sql.ast.SourceLocation;
import io.tidemark.sql.ast.TypeParameter;
import io.tidemark.sql.lexer.Token;
import io.tidemark.sql.lexer.TokenType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * SQL types as written after {@code CAST(... AS}, {@code ::} and inside ROW types:
 * {@code name[(parameter, ...)]}, {@code array<type>}, {@code ROW([name] type, ...)} and
 * {@code INTERVAL from TO to}. Whether a type exists is the analyzer's business.
 */
final class TypeParser {

    private final TokenStream tokens;
    private final ExpressionParser expressions;

    TypeParser(TokenStream tokens, ExpressionParser expressions) {
        this.tokens = tokens;
        this.expressions = expressions;
    }

    DataType parseType() {
        tokens.enter();
        try {
            if (!tokens.atIdentifier()) {
                throw tokens.unexpected();
            }
            Token first = tokens.current();
            SourceLocation location = tokens.location();
            if (first.isKeyword("ROW") && tokens.peek(1).type() == TokenType.LPAREN) {
                tokens.next();
                return parseRowType(location);
            }
            if (first.isKeyword("INTERVAL") && tokens.peek(1).type() == TokenType.IDENTIFIER) {
                tokens.next();
                IntervalField from = parseIntervalField();
                tokens.expectKeyword("TO");
                return new IntervalDataType(location, from, parseIntervalField());
            }
            Identifier name = expressions.parseIdentifier();
            List<DataTypeParameter> parameters = new ArrayList<>();
            if (name.value().equalsIgnoreCase("ARRAY") && !name.delimited() && tokens.accept(TokenType.LT)) {
                parameters.add(new TypeParameter(tokens.location(), parseType()));
                tokens.expect(TokenType.GT);
            } else if (tokens.accept(TokenType.LPAREN)) {
                do {
                    parameters.add(parseTypeParameter());
                } while (tokens.accept(TokenType.COMMA));
                tokens.expect(TokenType.RPAREN);
            }
            return new GenericDataType(location, name, parameters);
        } finally {
            tokens.exit();
        }
    }

    private DataTypeParameter parseTypeParameter() {
        SourceLocation location = tokens.location();
        if (tokens.current().type() == TokenType.INTEGER) {
            return new NumericParameter(location, PrimaryParser.parseLong(tokens.next()));
        }
        tokens.expecting("<integer>");
        return new TypeParameter(location, parseType());
    }

    private DataType parseRowType(SourceLocation location) {
        tokens.expect(TokenType.LPAREN);
        List<RowField> fields = new ArrayList<>();
        do {
            SourceLocation fieldLocation = tokens.location();
            Optional<Identifier> name = Optional.empty();
            TokenType afterName = tokens.peek(1).type();
            if (afterName == TokenType.IDENTIFIER || afterName == TokenType.QUOTED_IDENTIFIER) {
                name = Optional.of(expressions.parseIdentifier());
            }
            fields.add(new RowField(fieldLocation, name, parseType()));
        } while (tokens.accept(TokenType.COMMA));
        tokens.expect(TokenType.RPAREN);
        return new RowDataType(location, fields);
    }

    /** YEAR, MONTH, DAY, HOUR, MINUTE or SECOND. */
    IntervalField parseIntervalField() {
        Token token = tokens.current();
        if (token.type() == TokenType.IDENTIFIER) {
            for (IntervalField field : IntervalField.values()) {
                if (field.name().equals(token.text().toUpperCase(Locale.ROOT))) {
                    tokens.next();
                    return field;
                }
            }
        }
        for (IntervalField field : IntervalField.values()) {
            tokens.expecting("'" + field.name() + "'");
        }
        throw tokens.unexpected();
    }
}
