package io.tidemark.sql.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.sql.ast.Statement;
import io.tidemark.sql.function.FunctionCatalog;
import io.tidemark.sql.function.Signature;
import io.tidemark.sql.parser.ParseException;
import io.tidemark.sql.parser.SqlParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Any statement the parser accepts analyzes to a result or to a {@link SemanticException} with a
 * position inside the text; no other exception escapes. Inputs are random expressions over the
 * test catalog's columns and the whole function catalogue, and word-level mutations of the
 * analyzer tests' statements.
 */
class AnalyzerPropertyTest {

    private static final SqlParser PARSER = new SqlParser();
    private static final Analyzer ANALYZER = new Analyzer(TestCatalog.INSTANCE);
    private static final List<Signature> FUNCTIONS = FunctionCatalog.builtin().all();
    private static final List<String> ATOMS = List.of("host", "region", "time", "measure_name", "measure_value::double",
            "measure_value::bigint", "c.host", "x", "1", "2.5", "'a'", "NULL", "true", "15m", "INTERVAL '1' HOUR",
            "timestamp '2022-06-17 01:00'", "date '2022-05-21'", "ARRAY[1, 2]", "ROW(1, 'a')", "current_timestamp", "@p", "*");
    private static final List<String> BINARY = List.of("+", "-", "*", "/", "%", "||", "=", "<>", "<", ">=", "AND", "OR",
            "IS DISTINCT FROM", "LIKE");
    private static final List<String> SEEDS = Stream.concat(AnalyzerTest.valid(), AnalyzerTest.invalid())
            .map(arguments -> (String) arguments.get()[0]).toList();
    private static final List<String> WORDS = List.of("SELECT", "FROM", "WHERE", "GROUP BY", "ORDER BY", "HAVING", "(", ")", ",",
            "db.cpu", "db.metrics", "host", "time", "count(*)", "avg(measure_value::double)", "1", "OVER ()", "AS", "x", "UNION",
            "JOIN", "ON", "CROSS JOIN UNNEST(ARRAY[1])", "->", "NULL", "DISTINCT", "*", "=", "+", ".", "t", "LIMIT 1");

    @Property(tries = 1500)
    void randomExpressionsAnalyzeOrFailWithAPosition(@ForAll("randomQueries") String sql) {
        check(sql);
    }

    @Property(tries = 1500)
    void mutatedStatementsAnalyzeOrFailWithAPosition(@ForAll("mutatedQueries") String sql) {
        check(sql);
    }

    /** Guards the generator: a property over inputs that never parse, or never analyze, would prove nothing. */
    @Test
    void generatedQueriesReachEveryOutcome() {
        int parsed = 0;
        int analyzed = 0;
        for (long seed = 0; seed < 400; seed++) {
            String sql = randomQuery(new Random(seed));
            try {
                Statement statement = PARSER.parseStatement(sql);
                parsed++;
                ANALYZER.analyze(statement);
                analyzed++;
            } catch (ParseException | SemanticException expected) {
                // counted by what did not happen
            }
        }
        assertThat(parsed).isGreaterThan(300);
        assertThat(analyzed).isBetween(20, parsed - 20);
    }

    private static void check(String sql) {
        Statement statement;
        try {
            statement = PARSER.parseStatement(sql);
        } catch (ParseException e) {
            return;
        }
        try {
            Analysis analysis = ANALYZER.analyze(statement);
            assertThat(analysis.outputColumns()).as(sql).isNotEmpty();
        } catch (SemanticException e) {
            long lines = sql.lines().count();
            assertThat(e.location().line()).as(sql).isBetween(1, (int) Math.max(1, lines));
            assertThat(e.getMessage()).as(sql).contains(e.location().toString());
        }
    }

    @Provide
    Arbitrary<String> randomQueries() {
        return Arbitraries.longs().map(seed -> randomQuery(new Random(seed)));
    }

    private static String randomQuery(Random random) {
        StringBuilder sql = new StringBuilder("SELECT ").append(expression(random, 3));
        if (random.nextBoolean()) {
            sql.append(", ").append(expression(random, 2)).append(" AS x");
        }
        sql.append(" FROM db.cpu c");
        if (random.nextInt(3) == 0) {
            sql.append(" WHERE ").append(expression(random, 2));
        }
        if (random.nextInt(3) == 0) {
            sql.append(" GROUP BY ").append(random.nextBoolean() ? "1" : expression(random, 1));
        }
        if (random.nextInt(4) == 0) {
            sql.append(" ORDER BY ").append(random.nextBoolean() ? "1" : expression(random, 1));
        }
        return sql.toString();
    }

    private static String expression(Random random, int depth) {
        int choice = depth == 0 ? 0 : random.nextInt(6);
        switch (choice) {
            case 0:
                String atom = ATOMS.get(random.nextInt(ATOMS.size()));
                return atom.equals("*") ? "count(*)" : atom;
            case 1:
                return "(" + expression(random, depth - 1) + " " + BINARY.get(random.nextInt(BINARY.size())) + " " + expression(random, depth - 1) + ")";
            case 2:
                return "CASE WHEN " + expression(random, depth - 1) + " THEN " + expression(random, depth - 1) + " ELSE "
                        + expression(random, depth - 1) + " END";
            case 3:
                return "CAST(" + expression(random, depth - 1) + " AS " + List.of("bigint", "double", "varchar", "timestamp", "array(bigint)")
                        .get(random.nextInt(5)) + ")";
            default:
                Signature function = FUNCTIONS.get(random.nextInt(FUNCTIONS.size()));
                List<String> arguments = new ArrayList<>();
                int count = function.arguments().size() + (random.nextInt(5) == 0 ? 1 : 0);
                for (int i = 0; i < count; i++) {
                    arguments.add(random.nextInt(6) == 0 ? "x -> " + expression(random, depth - 1) : expression(random, depth - 1));
                }
                String call = function.name() + "(" + String.join(", ", arguments) + ")";
                return random.nextInt(5) == 0 ? call + " OVER (PARTITION BY host ORDER BY time)" : call;
        }
    }

    @Provide
    Arbitrary<String> mutatedQueries() {
        return Arbitraries.integers().between(0, SEEDS.size() - 1)
                .flatMap(seed -> Arbitraries.longs().map(random -> mutate(SEEDS.get(seed), new Random(random))));
    }

    /** One to three word-level edits: drop a word, repeat a word, or put a vocabulary word in. */
    private static String mutate(String sql, Random random) {
        List<String> words = new ArrayList<>(List.of(sql.split(" ")));
        int edits = 1 + random.nextInt(3);
        for (int i = 0; i < edits && words.size() > 1; i++) {
            int at = random.nextInt(words.size());
            switch (random.nextInt(3)) {
                case 0:
                    words.remove(at);
                    break;
                case 1:
                    words.add(at, words.get(at));
                    break;
                default:
                    words.set(at, WORDS.get(random.nextInt(WORDS.size())));
            }
        }
        return String.join(" ", words);
    }
}
