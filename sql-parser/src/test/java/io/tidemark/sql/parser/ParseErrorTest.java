package io.tidemark.sql.parser;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Syntax errors name the line and column, what was found and what would have been accepted. */
class ParseErrorTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "SELECT FROM t|line 1:8: mismatched input 'FROM'. Expecting: '*', 'ALL', 'DISTINCT', <expression>",
            "SELECT * FROM 'oops'|line 1:15: mismatched input ''oops''. Expecting: '(', 'UNNEST', <identifier>",
            "select foo(,1)|line 1:12: mismatched input ','. Expecting: ')', '*', <expression>",
            "SELEC 1|line 1:1: mismatched input 'SELEC'. Expecting: '(', 'DESCRIBE', 'EXPLAIN', 'SELECT', 'SHOW', 'UNLOAD', 'VALUES', 'WITH'",
            "SELECT a b c FROM t|line 1:12: mismatched input 'c'. Expecting: ',', ';', 'EXCEPT', 'FROM', 'GROUP', 'HAVING', 'INTERSECT', 'LIMIT', 'OFFSET', 'ORDER', 'UNION', 'WHERE', <EOF>",
            "SELECT * FROM t WHERE|line 1:22: mismatched input '<EOF>'. Expecting: <expression>",
            "SELECT (1|line 1:10: mismatched input '<EOF>'. Expecting: ')', ','",
            "SELECT * FROM t GROUP a|line 1:23: mismatched input 'a'. Expecting: 'BY'",
            "SELECT 1 +|line 1:11: mismatched input '<EOF>'. Expecting: <expression>",
            "SELECT CAST(a AS) FROM t|line 1:17: mismatched input ')'. Expecting: <identifier>",
            "SELECT a FROM t WHERE a = = 1|line 1:27: mismatched input '='. Expecting: <expression>",
            "SELECT * FROM a JOIN b|line 1:23: mismatched input '<EOF>'. Expecting: '.', 'AS', 'ON', 'USING', <identifier>",
            "SELECT x FROM t ORDER BY x NULLS|line 1:33: mismatched input '<EOF>'. Expecting: 'FIRST', 'LAST'",
            "SELECT from|line 1:8: mismatched input 'from'. Expecting: '*', 'ALL', 'DISTINCT', <expression>",
            "SHOW FOO|line 1:6: mismatched input 'FOO'. Expecting: 'DATABASES', 'MEASURES', 'TABLES'",
            "SELECT a FROM t LIMIT x|line 1:23: mismatched input 'x'. Expecting: 'ALL', <integer>, <parameter>",
            "SELECT a = b = c|line 1:14: mismatched input '='. Expecting: ',', ';', 'AS', 'EXCEPT', 'FROM', 'GROUP', 'HAVING', 'INTERSECT', 'LIMIT', 'OFFSET', 'ORDER', 'UNION', 'WHERE', <EOF>, <identifier>",
            "SELECT * FROM t JOIN u ON|line 1:26: mismatched input '<EOF>'. Expecting: <expression>",
            "SELECT CASE WHEN a THEN b|line 1:26: mismatched input '<EOF>'. Expecting: 'ELSE', 'END', 'WHEN'",
            "SELECT a FROM t UNION|line 1:22: mismatched input '<EOF>'. Expecting: '(', 'ALL', 'DISTINCT', 'SELECT', 'VALUES'",
            "SELECT INTERVAL '1' FORTNIGHT|line 1:21: mismatched input 'FORTNIGHT'. Expecting: 'DAY', 'HOUR', 'MINUTE', 'MONTH', 'SECOND', 'YEAR'",
            "SELECT avg(x) OVER (ROWS 1)|line 1:27: mismatched input ')'. Expecting: 'FOLLOWING', 'PRECEDING'",
            "SELECT first_value(x) IGNORE NULLS FROM t|line 1:36: mismatched input 'FROM'. Expecting: 'OVER'",
            "SELECT array_agg(x ORDER time) FROM t|line 1:26: mismatched input 'time'. Expecting: 'BY'",
            "SELECT 1 2|line 1:10: mismatched input '2'. Expecting: ',', ';', 'AS', 'EXCEPT', 'FROM', 'GROUP', 'HAVING', 'INTERSECT', 'LIMIT', 'OFFSET', 'ORDER', 'UNION', 'WHERE', <EOF>, <identifier>",
            "SELECT 99999999999999999999|line 1:8: cannot read integer literal '99999999999999999999': out of range of bigint",
            "SELECT 1e999|line 1:8: cannot read number '1e999': out of range of double",
            "SELECT 99999999999999999999s|line 1:8: cannot read duration '99999999999999999999s': the amount is out of range of bigint",
            "UNLOAD (SELECT 1) TO s3|line 1:22: mismatched input 's3'. Expecting: <string>",
            "SELECT 1;;|line 1:10: mismatched input ';'. Expecting: <EOF>",
            "``|line 1:1: mismatched input '<EOF>'. Expecting: '(', 'DESCRIBE', 'EXPLAIN', 'SELECT', 'SHOW', 'UNLOAD', 'VALUES', 'WITH'",
            "SELECT a FROM t WHERE x IN ()|line 1:29: mismatched input ')'. Expecting: <expression>",
            "SELECT f(x -> )|line 1:15: mismatched input ')'. Expecting: <expression>",
            "SELECT a FROM t JOIN u USING ()|line 1:31: mismatched input ')'. Expecting: <identifier>",
            "SELECT CAST(1 AS ROW(a b c))|line 1:26: mismatched input 'c'. Expecting: '(', ')', ','",
            "SELECT a FROM (SELECT b FROM t|line 1:31: mismatched input '<EOF>'. Expecting: ')', ',', '.', 'AS', 'CROSS', 'EXCEPT', 'FULL', 'GROUP', 'HAVING', 'INNER', 'INTERSECT', 'JOIN', 'LEFT', 'LIMIT', 'OFFSET', 'ORDER', 'RIGHT', 'UNION', 'WHERE', <identifier>",
            "`SELECT a,\n  b\nFROM t\nWHERE (a`|line 4:9: mismatched input '<EOF>'. Expecting: ')', ','",
            "`SELECT a\n  FROM t\n  WHERE x >< 1`|line 3:12: mismatched input '<'. Expecting: <expression>"})
    void errorMessages(String sql, String message) {
        assertThatThrownBy(() -> ParserAssert.PARSER.parseStatement(sql))
                .isInstanceOf(ParseException.class)
                .hasMessage(message);
    }
}
