package io.tidemark.sql.lexer;

import java.util.Locale;
import java.util.Objects;

/**
 * One token: its kind, its text as written ({@code text}), its value with escapes resolved
 * ({@code value}), and where it starts (1-based line and column).
 */
public record Token(TokenType type, String text, String value, int line, int column) {

    public Token {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(value, "value");
    }

    /** True if this is an unquoted identifier spelled {@code keyword} (any case). */
    public boolean isKeyword(String keyword) {
        return type == TokenType.IDENTIFIER && text.equalsIgnoreCase(keyword);
    }

    /** True if this token can be a name: quoted, or unquoted and not a reserved word. */
    public boolean isName() {
        return type == TokenType.QUOTED_IDENTIFIER || (type == TokenType.IDENTIFIER && !Keywords.isReserved(text));
    }

    /** The upper-cased text of an unquoted identifier, for keyword dispatch. */
    public String upperText() {
        return text.toUpperCase(Locale.ROOT);
    }
}
