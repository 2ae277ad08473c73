package io.tidemark.sql.parser;

import static io.tidemark.sql.parser.ParserAssert.PARSER;

import io.tidemark.sql.ast.Statement;
import io.tidemark.sql.format.SqlFormatter;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Arbitrary text, token soup and mutated valid queries: the parser either returns a tree that
 * survives the round trip, or throws {@link ParseException}; nothing else ever escapes.
 */
class SqlParserFuzzTest {

    private static final List<String> SEEDS = RoundTripTest.timestreamExamples()
            .collect(Collectors.toCollection(java.util.ArrayList::new));

    static {
        RoundTripTest.standardSql().forEach(SEEDS::add);
    }

    private static final List<String> VOCABULARY = List.of(
            "SELECT", "FROM", "WHERE", "GROUP", "BY", "HAVING", "ORDER", "LIMIT", "OFFSET", "WITH", "AS", "UNION",
            "INTERSECT", "EXCEPT", "ALL", "DISTINCT", "JOIN", "LEFT", "CROSS", "ON", "USING", "UNNEST", "ORDINALITY",
            "AND", "OR", "NOT", "IN", "IS", "NULL", "BETWEEN", "LIKE", "ESCAPE", "CASE", "WHEN", "THEN", "ELSE", "END",
            "CAST", "TRY_CAST", "EXTRACT", "EXISTS", "ARRAY", "ROW", "INTERVAL", "TIMESTAMP", "DATE", "OVER",
            "PARTITION", "ROWS", "RANGE", "PRECEDING", "FOLLOWING", "UNBOUNDED", "CURRENT", "FILTER", "VALUES",
            "SHOW", "TABLES", "DESCRIBE", "EXPLAIN", "UNLOAD", "TO", "time", "x", "\"db\"", "t", "measure_value::double",
            "bin", "ago", "15m", "1", "2.5", "1e3", "'s'", "@p", "(", ")", "[", "]", ",", ".", "*", "+", "-", "/", "%",
            "||", "::", "->", "=", "<>", "<", ">=", ";", "--", "/*", "*/", "\"", "'");

    @Property(tries = 2000)
    void arbitraryTextOnlyEverFailsWithParseException(@ForAll String sql) {
        parseOrReject(sql);
        parseExpressionOrReject(sql);
    }

    @Property(tries = 2000)
    void tokenSoupOnlyEverFailsWithParseException(@ForAll("tokenSoup") String sql) {
        parseOrReject(sql);
        parseExpressionOrReject(sql);
    }

    @Property(tries = 3000)
    void mutatedQueriesOnlyEverFailWithParseException(@ForAll("mutatedQueries") String sql) {
        parseOrReject(sql);
    }

    @Provide
    Arbitrary<String> tokenSoup() {
        return Arbitraries.of(VOCABULARY).list().ofMinSize(1).ofMaxSize(40)
                .map(tokens -> String.join(" ", tokens));
    }

    @Provide
    Arbitrary<String> mutatedQueries() {
        return Arbitraries.integers().between(0, SEEDS.size() - 1)
                .flatMap(seed -> Arbitraries.longs().map(random -> mutate(SEEDS.get(seed), new Random(random))));
    }

    /** One to four random edits: delete a span, duplicate a span, insert a vocabulary word, or swap two chars. */
    private static String mutate(String sql, Random random) {
        StringBuilder text = new StringBuilder(sql);
        int edits = 1 + random.nextInt(4);
        for (int i = 0; i < edits && text.length() > 1; i++) {
            int at = random.nextInt(text.length());
            int span = Math.min(text.length() - at, 1 + random.nextInt(12));
            switch (random.nextInt(4)) {
                case 0:
                    text.delete(at, at + span);
                    break;
                case 1:
                    text.insert(at, text.substring(at, at + span));
                    break;
                case 2:
                    text.insert(at, " " + VOCABULARY.get(random.nextInt(VOCABULARY.size())) + " ");
                    break;
                default:
                    int other = random.nextInt(text.length());
                    char c = text.charAt(at);
                    text.setCharAt(at, text.charAt(other));
                    text.setCharAt(other, c);
            }
        }
        return text.toString();
    }

    /** Parses; when that succeeds the tree must also survive format and re-parse. */
    private static void parseOrReject(String sql) {
        Statement statement;
        try {
            statement = PARSER.parseStatement(sql);
        } catch (ParseException expected) {
            return;
        }
        String formatted = SqlFormatter.formatSql(statement);
        ParserAssert.assertSameTree(PARSER.parseStatement(formatted), statement, formatted + " (from " + sql + ")");
    }

    private static void parseExpressionOrReject(String sql) {
        try {
            PARSER.parseExpression(sql);
        } catch (ParseException expected) {
            // the only failure allowed
        }
    }
}
