package io.tidemark.sql.parser;

import static io.tidemark.sql.parser.ParserAssert.PARSER;
import static io.tidemark.sql.parser.ParserAssert.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.sql.ast.InList;
import io.tidemark.sql.ast.InPredicate;
import io.tidemark.sql.ast.Logical;
import io.tidemark.sql.ast.Query;
import io.tidemark.sql.ast.QuerySpecification;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Input built to break a recursive-descent parser: deep nesting must give a clean error (never
 * a StackOverflowError), and wide input (huge IN lists, long OR chains) must parse.
 */
class PathologicalInputTest {

    private static String repeat(String text, int times) {
        return text.repeat(times);
    }

    @Test
    void deeplyNestedParenthesesGiveACleanError() {
        String sql = "SELECT " + repeat("(", 100_000) + "1" + repeat(")", 100_000);
        assertThatThrownBy(() -> PARSER.parseStatement(sql))
                .isInstanceOf(ParseException.class)
                .hasMessageStartingWith("line 1:")
                .hasMessageContaining("statement is too deeply nested: more than 200 levels");
    }

    @Test
    void nestingJustBelowTheLimitParsesAndRoundTrips() {
        roundTrip("SELECT " + repeat("(", 150) + "1" + repeat(")", 150));
        roundTrip("SELECT " + repeat("f(", 150) + "1" + repeat(")", 150));
    }

    @Test
    void deepPrefixOperatorsAndSubqueriesGiveACleanError() {
        for (String sql : new String[] {
                "SELECT " + repeat("NOT ", 50_000) + "TRUE",
                "SELECT " + repeat("- ", 50_000) + "1",
                "SELECT " + repeat("ARRAY[", 50_000) + "1" + repeat("]", 50_000),
                "SELECT " + repeat("CAST(", 50_000) + "1" + repeat(" AS bigint)", 50_000),
                repeat("SELECT * FROM (", 50_000) + "SELECT 1" + repeat(")", 50_000),
                "SELECT * FROM " + repeat("(", 50_000) + "t" + repeat(")", 50_000),
                repeat("EXPLAIN ", 50_000) + "SELECT 1",
                "SELECT CAST(x AS " + repeat("array(", 50_000) + "bigint" + repeat(")", 50_000) + ")",
                "SELECT " + repeat("x -> ", 50_000) + "1"}) {
            assertThatThrownBy(() -> PARSER.parseStatement(sql))
                    .as(sql.substring(0, 40))
                    .isInstanceOf(ParseException.class)
                    .hasMessageContaining("too deeply nested");
        }
    }

    @Test
    void longOperatorChainsAreRejectedByTreeDepthNotByTheStack() {
        String sql = "SELECT 1" + repeat(" + 1", 100_000);
        assertThatThrownBy(() -> PARSER.parseStatement(sql))
                .isInstanceOf(ParseException.class)
                .hasMessage("line 1:8: statement is too large: its syntax tree is nested more than 1000 levels deep"
                        + " (break long operator chains or nesting into smaller parts)");
        roundTrip("SELECT 1" + repeat(" + 1", 900));
        roundTrip("SELECT 'a'" + repeat(" || 'a'", 900));
        assertThatThrownBy(() -> PARSER.parseStatement(repeat("SELECT 1 UNION ", 5_000) + "SELECT 1"))
                .isInstanceOf(ParseException.class)
                .hasMessageContaining("statement is too large");
    }

    @Test
    void hugeInListsParse() {
        StringBuilder sql = new StringBuilder("SELECT * FROM t WHERE host IN (");
        for (int i = 0; i < 50_000; i++) {
            sql.append(i == 0 ? "" : ", ").append("'host-").append(i).append('\'');
        }
        Query query = (Query) roundTrip(sql.append(')').toString());
        InPredicate in = (InPredicate) ((QuerySpecification) query.body()).where().orElseThrow();
        assertThat(((InList) in.valueList()).values()).hasSize(50_000);
    }

    @Test
    void longOrChainsStayFlat() {
        String sql = "SELECT * FROM t WHERE a = 0" + repeat(" OR a = 1", 20_000);
        Query query = (Query) roundTrip(sql);
        Logical or = (Logical) ((QuerySpecification) query.body()).where().orElseThrow();
        assertThat(or.terms()).hasSize(20_001);
    }

    @Test
    void theLimitHoldsOnAThreadWithASmallStack() throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(null, () -> {
            try {
                PARSER.parseStatement("SELECT " + repeat("(", 10_000) + "1" + repeat(")", 10_000));
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "small-stack", 256 * 1024);
        thread.start();
        thread.join();
        assertThat(failure.get()).isInstanceOf(ParseException.class);
    }
}
