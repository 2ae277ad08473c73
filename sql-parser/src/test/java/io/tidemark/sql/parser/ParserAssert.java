package io.tidemark.sql.parser;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.sql.ast.Node;
import io.tidemark.sql.ast.Statement;
import io.tidemark.sql.format.SqlFormatter;

/**
 * The round-trip checks of the parser tests: parse, format, parse again, and compare the two
 * trees ignoring source locations.
 */
final class ParserAssert {

    static final SqlParser PARSER = new SqlParser();

    private ParserAssert() {
    }

    /** Parses {@code sql} and checks that its formatted text parses to the same tree. */
    static Statement roundTrip(String sql) {
        Statement parsed = PARSER.parseStatement(sql);
        String formatted = SqlFormatter.formatSql(parsed);
        Statement reparsed;
        try {
            reparsed = PARSER.parseStatement(formatted);
        } catch (ParseException e) {
            throw new AssertionError("formatted text does not parse: " + formatted, e);
        }
        assertSameTree(reparsed, parsed, formatted);
        return parsed;
    }

    /** Checks that {@code sql} formats to exactly {@code expected} and round-trips. */
    static void canonical(String sql, String expected) {
        Statement parsed = roundTrip(sql);
        assertThat(SqlFormatter.formatSql(parsed)).isEqualTo(expected);
    }

    /** Checks that an expression formats to exactly {@code expected} and parses back the same. */
    static void canonicalExpression(String sql, String expected) {
        Node parsed = PARSER.parseExpression(sql);
        String formatted = SqlFormatter.formatSql(parsed);
        assertThat(formatted).isEqualTo(expected);
        assertSameTree(PARSER.parseExpression(formatted), parsed, formatted);
    }

    static void assertSameTree(Node actual, Node expected, String description) {
        assertThat(TreeComparison.firstDifference(expected, actual))
                .as("difference between the trees of %s", description)
                .isEmpty();
    }
}
