package io.tidemark.sql.lexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.sql.parser.ParseException;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LexerTest {

    private static List<TokenType> types(String sql) {
        return Lexer.tokenize(sql).stream().map(Token::type).collect(Collectors.toList());
    }

    private static Token single(String sql) {
        List<Token> tokens = Lexer.tokenize(sql);
        assertThat(tokens).hasSize(2);
        assertThat(tokens.get(1).type()).isEqualTo(TokenType.EOF);
        return tokens.get(0);
    }

    @Test
    void tokensCarryLineAndColumnAcrossNewlinesAndComments() {
        List<Token> tokens = Lexer.tokenize("SELECT a, -- note\n  /* two\nlines */ \"b\"\r\nFROM t");
        assertThat(tokens).extracting(Token::text, Token::line, Token::column).containsExactly(
                org.assertj.core.groups.Tuple.tuple("SELECT", 1, 1),
                org.assertj.core.groups.Tuple.tuple("a", 1, 8),
                org.assertj.core.groups.Tuple.tuple(",", 1, 9),
                org.assertj.core.groups.Tuple.tuple("\"b\"", 3, 10),
                org.assertj.core.groups.Tuple.tuple("FROM", 4, 1),
                org.assertj.core.groups.Tuple.tuple("t", 4, 6),
                org.assertj.core.groups.Tuple.tuple("<EOF>", 4, 7));
    }

    @Test
    void quotedIdentifiersAndStringsResolveDoubledQuotes() {
        Token identifier = single("\"say \"\"hi\"\"\"");
        assertThat(identifier.type()).isEqualTo(TokenType.QUOTED_IDENTIFIER);
        assertThat(identifier.value()).isEqualTo("say \"hi\"");
        Token string = single("'it''s'");
        assertThat(string.type()).isEqualTo(TokenType.STRING);
        assertThat(string.value()).isEqualTo("it's");
        assertThat(single("''").value()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "42, INTEGER", "4.2, DECIMAL", ".5, DECIMAL", "5., DECIMAL", "1e3, DOUBLE", "2.5E-3, DOUBLE",
            "1E+2, DOUBLE", "15m, DURATION", "1ns, DURATION", "1us, DURATION", "1ms, DURATION", "1s, DURATION",
            "1h, DURATION", "1d, DURATION", "12second, DURATION", "2day, DURATION", "21HOUR, DURATION",
            "@scheduled_runtime, PARAMETER"})
    void numbersDurationsAndParameters(String text, TokenType type) {
        assertThat(single(text).type()).isEqualTo(type);
    }

    @Test
    void durationValueIsTheAmount() {
        Token duration = single("15m");
        assertThat(duration.text()).isEqualTo("15m");
        assertThat(duration.value()).isEqualTo("15");
    }

    @Test
    void measureValueColumnsAreOneIdentifierButOtherDoubleColonsAreOperators() {
        assertThat(single("measure_value::double").text()).isEqualTo("measure_value::double");
        assertThat(single("MEASURE_VALUE::BigInt").type()).isEqualTo(TokenType.IDENTIFIER);
        assertThat(types("measure_value::int")).containsExactly(
                TokenType.IDENTIFIER, TokenType.DOUBLE_COLON, TokenType.IDENTIFIER, TokenType.EOF);
        assertThat(types("x::double")).containsExactly(
                TokenType.IDENTIFIER, TokenType.DOUBLE_COLON, TokenType.IDENTIFIER, TokenType.EOF);
        assertThat(types("measure_value :: double")).containsExactly(
                TokenType.IDENTIFIER, TokenType.DOUBLE_COLON, TokenType.IDENTIFIER, TokenType.EOF);
    }

    @Test
    void operators() {
        assertThat(types("= <> != < <= > >= + - * / % || :: -> ( ) [ ] , . ;")).containsExactly(
                TokenType.EQ, TokenType.NEQ, TokenType.NEQ, TokenType.LT, TokenType.LTE, TokenType.GT, TokenType.GTE,
                TokenType.PLUS, TokenType.MINUS, TokenType.ASTERISK, TokenType.SLASH, TokenType.PERCENT,
                TokenType.CONCAT, TokenType.DOUBLE_COLON, TokenType.ARROW, TokenType.LPAREN, TokenType.RPAREN,
                TokenType.LBRACKET, TokenType.RBRACKET, TokenType.COMMA, TokenType.DOT, TokenType.SEMICOLON,
                TokenType.EOF);
    }

    @Test
    void minusMinusStartsAComment() {
        assertThat(types("1 --2")).containsExactly(TokenType.INTEGER, TokenType.EOF);
        assertThat(types("1 - -2")).containsExactly(TokenType.INTEGER, TokenType.MINUS, TokenType.MINUS,
                TokenType.INTEGER, TokenType.EOF);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "SELECT 'abc|1:8|unterminated string literal: no closing '",
            "SELECT \"abc|1:8|unterminated quoted identifier: no closing \"",
            "SELECT \"\"|1:8|zero-length delimited identifier not allowed",
            "SELECT 1 /* no end|1:10|unterminated comment: '/*' has no closing '*/'",
            "SELECT `a`|1:8|backquoted identifiers are not supported; use double quotes to quote identifiers",
            "SELECT a # b|1:10|unexpected character '#'",
            "SELECT 12abc|1:8|cannot read '12abc': identifiers must not start with a digit; surround the identifier with double quotes",
            "SELECT 1.5h|1:8|cannot read duration '1.5h': the amount must be a whole number",
            "SELECT a, $b|1:11|unexpected character '$'"})
    void malformedInputIsAPositionedParseException(String sql, String position, String message) {
        String[] lineColumn = position.split(":");
        assertThatThrownBy(() -> Lexer.tokenize(sql))
                .isInstanceOfSatisfying(ParseException.class, e -> {
                    assertThat(e.line()).isEqualTo(Integer.parseInt(lineColumn[0]));
                    assertThat(e.column()).isEqualTo(Integer.parseInt(lineColumn[1]));
                    assertThat(e.errorMessage()).isEqualTo(message);
                    assertThat(e.getMessage()).isEqualTo("line " + position + ": " + message);
                });
    }

    @Test
    void errorPositionsCountLines() {
        assertThatThrownBy(() -> Lexer.tokenize("SELECT\n  a,\r\n  'open"))
                .isInstanceOf(ParseException.class)
                .hasMessage("line 3:3: unterminated string literal: no closing '");
    }

    @Test
    void reservedWordsAreTheTimestreamList() {
        assertThat(Keywords.isReserved("select")).isTrue();
        assertThat(Keywords.isReserved("Unnest")).isTrue();
        assertThat(Keywords.isReserved("time")).isFalse();
        assertThat(Keywords.isReserved("limit")).isFalse();
        assertThat(Keywords.isReserved("measure_name")).isFalse();
    }
}
