package io.tidemark.sql.lexer;

/** The kinds of token. Keywords are identifiers: the parser matches them by text. */
public enum TokenType {
    /** An unquoted name or keyword, including {@code measure_value::double} and its siblings. */
    IDENTIFIER,
    /** A double-quoted name; the token value has the {@code ""} escapes resolved. */
    QUOTED_IDENTIFIER,
    /** A single-quoted string; the token value has the {@code ''} escapes resolved. */
    STRING,
    /** Digits only. */
    INTEGER,
    /** Digits with a decimal point and no exponent. */
    DECIMAL,
    /** A number with an exponent. */
    DOUBLE,
    /** A whole number followed directly by a duration unit, e.g. {@code 15m}. */
    DURATION,
    /** {@code @name}; the token value is the name. */
    PARAMETER,
    EQ, NEQ, LT, LTE, GT, GTE,
    PLUS, MINUS, ASTERISK, SLASH, PERCENT,
    /** {@code ||}. */
    CONCAT,
    /** {@code ::}. */
    DOUBLE_COLON,
    /** {@code ->}. */
    ARROW,
    LPAREN, RPAREN, LBRACKET, RBRACKET, COMMA, DOT, SEMICOLON,
    /** The end of the input. */
    EOF
}
