package io.tidemark.sql.lexer;

import io.tidemark.sql.ast.DurationUnit;
import io.tidemark.sql.parser.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits SQL text into {@link Token}s with their line and column, skipping white space and
 * {@code --} / {@code /* *}{@code /} comments. Malformed input (an unterminated string, quoted
 * name or comment, a stray character, a number glued to a word) is a {@link ParseException} at
 * the offending position.
 *
 * <p>Two Timestream forms are single tokens here, because no later stage could tell them apart:
 * a whole number directly followed by a duration unit ({@code 15m}, {@code 12second}) is a
 * {@link TokenType#DURATION}, and {@code measure_value::double|bigint|varchar|boolean|timestamp}
 * written without spaces is one {@link TokenType#IDENTIFIER} (a column name, not a cast).
 */
public final class Lexer {

    private static final String MEASURE_VALUE = "measure_value";
    private static final Set<String> MEASURE_VALUE_TYPES = Set.of("double", "bigint", "varchar", "boolean", "timestamp");

    private final String sql;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;
    private int line = 1;
    private int lineStart;

    private Lexer(String sql) {
        this.sql = sql;
    }

    /** The tokens of {@code sql}, ending with one {@link TokenType#EOF}. */
    public static List<Token> tokenize(String sql) {
        Lexer lexer = new Lexer(sql);
        lexer.run();
        return lexer.tokens;
    }

    private void run() {
        while (true) {
            skipSpaceAndComments();
            if (pos >= sql.length()) {
                tokens.add(new Token(TokenType.EOF, "<EOF>", "", line, column()));
                return;
            }
            readToken();
        }
    }

    private int column() {
        return pos - lineStart + 1;
    }

    private char peek(int ahead) {
        int at = pos + ahead;
        return at < sql.length() ? sql.charAt(at) : '\0';
    }

    private void skipSpaceAndComments() {
        while (pos < sql.length()) {
            char c = sql.charAt(pos);
            if (c == '\n') {
                pos++;
                newLine();
            } else if (c == '\r') {
                pos++;
                if (peek(0) == '\n') {
                    pos++;
                }
                newLine();
            } else if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '-' && peek(1) == '-') {
                while (pos < sql.length() && sql.charAt(pos) != '\n' && sql.charAt(pos) != '\r') {
                    pos++;
                }
            } else if (c == '/' && peek(1) == '*') {
                skipBlockComment();
            } else {
                return;
            }
        }
    }

    private void newLine() {
        line++;
        lineStart = pos;
    }

    private void skipBlockComment() {
        int startLine = line;
        int startColumn = column();
        pos += 2;
        while (pos < sql.length()) {
            char c = sql.charAt(pos);
            if (c == '*' && peek(1) == '/') {
                pos += 2;
                return;
            }
            pos++;
            if (c == '\n' || (c == '\r' && peek(0) != '\n')) {
                newLine();
            }
        }
        throw new ParseException(startLine, startColumn, "unterminated comment: '/*' has no closing '*/'");
    }

    private void readToken() {
        char c = sql.charAt(pos);
        if (Character.isLetter(c) || c == '_') {
            readIdentifier();
        } else if (isDigit(c) || (c == '.' && isDigit(peek(1)))) {
            readNumber();
        } else if (c == '"') {
            readQuoted('"', TokenType.QUOTED_IDENTIFIER, "quoted identifier");
        } else if (c == '\'') {
            readQuoted('\'', TokenType.STRING, "string literal");
        } else if (c == '`') {
            throw error("backquoted identifiers are not supported; use double quotes to quote identifiers");
        } else if (c == '@' && (Character.isLetter(peek(1)) || peek(1) == '_')) {
            int startColumn = column();
            int start = pos++;
            while (pos < sql.length() && isIdentifierPart(sql.charAt(pos))) {
                pos++;
            }
            add(TokenType.PARAMETER, sql.substring(start, pos), sql.substring(start + 1, pos), startColumn);
        } else {
            readOperator(c);
        }
    }

    private void readIdentifier() {
        int startColumn = column();
        int start = pos;
        while (pos < sql.length() && isIdentifierPart(sql.charAt(pos))) {
            pos++;
        }
        String word = sql.substring(start, pos);
        if (word.equalsIgnoreCase(MEASURE_VALUE) && peek(0) == ':' && peek(1) == ':') {
            int typeStart = pos + 2;
            int typeEnd = typeStart;
            while (typeEnd < sql.length() && isIdentifierPart(sql.charAt(typeEnd))) {
                typeEnd++;
            }
            String type = sql.substring(typeStart, typeEnd).toLowerCase(Locale.ROOT);
            if (MEASURE_VALUE_TYPES.contains(type)) {
                pos = typeEnd;
                word = sql.substring(start, pos);
            }
        }
        add(TokenType.IDENTIFIER, word, word, startColumn);
    }

    private void readNumber() {
        int startColumn = column();
        int start = pos;
        TokenType type = TokenType.INTEGER;
        skipDigits();
        if (peek(0) == '.') {
            type = TokenType.DECIMAL;
            pos++;
            skipDigits();
        }
        if ((peek(0) == 'e' || peek(0) == 'E')
                && (isDigit(peek(1)) || ((peek(1) == '+' || peek(1) == '-') && isDigit(peek(2))))) {
            type = TokenType.DOUBLE;
            pos += 2;
            skipDigits();
        }
        String number = sql.substring(start, pos);
        if (pos < sql.length() && isIdentifierPart(sql.charAt(pos))) {
            int suffixStart = pos;
            while (pos < sql.length() && isIdentifierPart(sql.charAt(pos))) {
                pos++;
            }
            String suffix = sql.substring(suffixStart, pos);
            boolean unit = DurationUnit.fromSuffix(suffix).isPresent();
            if (type == TokenType.INTEGER && unit) {
                add(TokenType.DURATION, sql.substring(start, pos), number, startColumn);
                return;
            }
            String message = unit
                    ? "cannot read duration '" + sql.substring(start, pos) + "': the amount must be a whole number"
                    : "cannot read '" + sql.substring(start, pos) + "': identifiers must not start with a digit; "
                            + "surround the identifier with double quotes";
            throw new ParseException(line, startColumn, message);
        }
        add(type, number, number, startColumn);
    }

    private void skipDigits() {
        while (pos < sql.length() && isDigit(sql.charAt(pos))) {
            pos++;
        }
    }

    private void readQuoted(char quote, TokenType type, String what) {
        int startLine = line;
        int startColumn = column();
        int start = pos++;
        StringBuilder value = new StringBuilder();
        while (true) {
            if (pos >= sql.length()) {
                throw new ParseException(startLine, startColumn, "unterminated " + what + ": no closing " + quote);
            }
            char c = sql.charAt(pos++);
            if (c == quote) {
                if (peek(0) != quote) {
                    break;
                }
                pos++;
            } else if (c == '\n' || (c == '\r' && peek(0) != '\n')) {
                newLine();
            }
            value.append(c);
        }
        if (type == TokenType.QUOTED_IDENTIFIER && value.length() == 0) {
            throw new ParseException(startLine, startColumn, "zero-length delimited identifier not allowed");
        }
        tokens.add(new Token(type, sql.substring(start, pos), value.toString(), startLine, startColumn));
    }

    private void readOperator(char c) {
        int startColumn = column();
        char next = peek(1);
        TokenType two = twoCharOperator(c, next);
        if (two != null) {
            pos += 2;
            add(two, sql.substring(pos - 2, pos), sql.substring(pos - 2, pos), startColumn);
            return;
        }
        TokenType one = oneCharOperator(c);
        if (one == null) {
            throw error("unexpected character '" + printable(c) + "'");
        }
        pos++;
        add(one, String.valueOf(c), String.valueOf(c), startColumn);
    }

    private static TokenType twoCharOperator(char c, char next) {
        String pair = "" + c + next;
        switch (pair) {
            case "<=": return TokenType.LTE;
            case ">=": return TokenType.GTE;
            case "<>":
            case "!=": return TokenType.NEQ;
            case "||": return TokenType.CONCAT;
            case "::": return TokenType.DOUBLE_COLON;
            case "->": return TokenType.ARROW;
            default: return null;
        }
    }

    private static TokenType oneCharOperator(char c) {
        switch (c) {
            case '=': return TokenType.EQ;
            case '<': return TokenType.LT;
            case '>': return TokenType.GT;
            case '+': return TokenType.PLUS;
            case '-': return TokenType.MINUS;
            case '*': return TokenType.ASTERISK;
            case '/': return TokenType.SLASH;
            case '%': return TokenType.PERCENT;
            case '(': return TokenType.LPAREN;
            case ')': return TokenType.RPAREN;
            case '[': return TokenType.LBRACKET;
            case ']': return TokenType.RBRACKET;
            case ',': return TokenType.COMMA;
            case '.': return TokenType.DOT;
            case ';': return TokenType.SEMICOLON;
            default: return null;
        }
    }

    private static String printable(char c) {
        return Character.isISOControl(c) || Character.isSurrogate(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }

    private void add(TokenType type, String text, String value, int startColumn) {
        tokens.add(new Token(type, text, value, line, startColumn));
    }

    private ParseException error(String message) {
        return new ParseException(line, column(), message);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
