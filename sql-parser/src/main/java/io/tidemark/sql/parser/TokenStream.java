package io.tidemark.sql.parser;

import io.tidemark.sql.ast.SourceLocation;
import io.tidemark.sql.lexer.Token;
import io.tidemark.sql.lexer.TokenType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The parser's cursor over the tokens. Besides moving forward it remembers what the parser
 * looked for at the current position: every failed {@code at}/{@code accept} check adds an
 * alternative, so a syntax error can say exactly what would have been accepted there
 * ("mismatched input 'X'. Expecting: ...", in Trino's words). It also bounds the nesting depth
 * of the recursive descent, so deep input gives a clean error instead of exhausting the stack.
 */
final class TokenStream {

    /** Parentheses, subqueries, function calls and prefix operators nested deeper than this are rejected. */
    static final int MAX_NESTING = 200;

    private final List<Token> tokens;
    /**
     * What was looked for at the current token, rendered only when an error is reported: a
     * {@link TokenType}, a keyword ({@code String}), or an {@link Alternative} such as {@code <expression>}.
     */
    private final List<Object> expected = new ArrayList<>();
    private int index;
    private int nesting;

    TokenStream(List<Token> tokens) {
        this.tokens = tokens;
    }

    Token current() {
        return tokens.get(index);
    }

    /** The token {@code ahead} places after the current one (EOF past the end). */
    Token peek(int ahead) {
        return tokens.get(Math.min(index + ahead, tokens.size() - 1));
    }

    SourceLocation location() {
        return location(current());
    }

    static SourceLocation location(Token token) {
        return new SourceLocation(token.line(), token.column());
    }

    Token next() {
        Token token = current();
        if (token.type() != TokenType.EOF) {
            index++;
            expected.clear();
        }
        return token;
    }

    /** True if the current token is of {@code type}; otherwise records {@code type} as expected. */
    boolean at(TokenType type) {
        if (current().type() == type) {
            return true;
        }
        expected.add(type);
        return false;
    }

    /** True if the current token is the keyword; otherwise records it as expected. */
    boolean atKeyword(String keyword) {
        if (current().isKeyword(keyword)) {
            return true;
        }
        expected.add(keyword);
        return false;
    }

    boolean accept(TokenType type) {
        if (at(type)) {
            next();
            return true;
        }
        return false;
    }

    boolean acceptKeyword(String keyword) {
        if (atKeyword(keyword)) {
            next();
            return true;
        }
        return false;
    }

    Token expect(TokenType type) {
        if (!at(type)) {
            throw unexpected();
        }
        return next();
    }

    Token expectKeyword(String keyword) {
        if (!atKeyword(keyword)) {
            throw unexpected();
        }
        return next();
    }

    /** Records a non-token alternative (such as {@code <expression>}) for the next error message. */
    void expecting(String alternative) {
        expected.add(new Alternative(alternative));
    }

    /** True if the current token can be a name: quoted, or unquoted and not reserved. */
    boolean atIdentifier() {
        boolean identifier = current().isName();
        if (!identifier) {
            expected.add(TokenType.IDENTIFIER);
        }
        return identifier;
    }

    /** The syntax error for the current token: what was found and everything that was looked for. */
    ParseException unexpected() {
        Token token = current();
        String found = token.type() == TokenType.EOF ? "<EOF>" : token.text();
        String message = "mismatched input '" + found + "'";
        if (!expected.isEmpty()) {
            Set<String> alternatives = new TreeSet<>();
            for (Object alternative : expected) {
                alternatives.add(describe(alternative));
            }
            message += ". Expecting: " + String.join(", ", alternatives);
        }
        return new ParseException(token.line(), token.column(), message);
    }

    /** Enters one level of nesting; rejects input nested deeper than {@link #MAX_NESTING}. */
    void enter() {
        if (++nesting > MAX_NESTING) {
            Token token = current();
            throw new ParseException(token.line(), token.column(),
                    "statement is too deeply nested: more than " + MAX_NESTING
                            + " levels of parentheses, subqueries, function calls or prefix operators");
        }
    }

    void exit() {
        nesting--;
    }

    /** A non-token alternative named by the parser, such as {@code <expression>}. */
    private record Alternative(String description) {
    }

    private static String describe(Object alternative) {
        if (alternative instanceof Alternative) {
            return ((Alternative) alternative).description();
        }
        if (alternative instanceof String) {
            return "'" + alternative + "'";
        }
        switch ((TokenType) alternative) {
            case IDENTIFIER: return "<identifier>";
            case QUOTED_IDENTIFIER: return "<identifier>";
            case STRING: return "<string>";
            case INTEGER: return "<integer>";
            case DECIMAL:
            case DOUBLE: return "<number>";
            case DURATION: return "<duration>";
            case PARAMETER: return "<parameter>";
            case EQ: return "'='";
            case NEQ: return "'<>'";
            case LT: return "'<'";
            case LTE: return "'<='";
            case GT: return "'>'";
            case GTE: return "'>='";
            case PLUS: return "'+'";
            case MINUS: return "'-'";
            case ASTERISK: return "'*'";
            case SLASH: return "'/'";
            case PERCENT: return "'%'";
            case CONCAT: return "'||'";
            case DOUBLE_COLON: return "'::'";
            case ARROW: return "'->'";
            case LPAREN: return "'('";
            case RPAREN: return "')'";
            case LBRACKET: return "'['";
            case RBRACKET: return "']'";
            case COMMA: return "','";
            case DOT: return "'.'";
            case SEMICOLON: return "';'";
            case EOF: return "<EOF>";
            default: throw new IllegalStateException("no description for " + alternative);
        }
    }
}
