package io.tidemark.engine.query;

import static io.tidemark.engine.query.QueryTestEngine.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.engine.Engine;
import io.tidemark.engine.EngineException;
import io.tidemark.engine.ErrorKind;
import io.tidemark.engine.ManualClock;
import io.tidemark.engine.query.QueryService.QueryPage;
import io.tidemark.engine.query.QueryService.QueryRequest;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A self-hosted node raises Timestream's Query limits by config: with {@code max-rows = 5000} and
 * {@code max-query-string-chars = 300000} a page of 5,000 rows and a 280,000-character text are
 * accepted, and one past each raised limit is refused in Timestream's words, naming the new limit.
 */
class QueryLimitsTest {

    @TempDir
    static Path dataDir;

    @AutoClose
    private static Engine engine;

    @BeforeAll
    static void start() {
        engine = QueryTestEngine.start(dataDir, new ManualClock(Instant.parse("2026-03-10T12:00:00Z")), Map.of(
                "tidemark.engine.query.max-rows", 5000,
                "tidemark.engine.query.max-query-string-chars", 300_000));
    }

    private static QueryPage query(String sql, int maxRows) {
        return await(engine.queries().query(new QueryRequest(sql, Optional.empty(), Optional.empty(),
                Optional.of(maxRows))));
    }

    /** {@code SELECT 1} padded with spaces to {@code length} characters. */
    private static String selectOfLength(int length) {
        return "SELECT 1" + " ".repeat(length - "SELECT 1".length());
    }

    @Test
    void raisedLimitsAcceptWhatTimestreamsWouldRefuse() {
        QueryPage page = query("SELECT x FROM UNNEST(sequence(1, 5000)) AS t(x)", 5000);
        assertThat(page.rows().rowCount()).isEqualTo(5000);
        assertThat(page.nextToken()).isEmpty();
        assertThat(query(selectOfLength(280_000), 1).rows().rowCount()).isEqualTo(1);
    }

    @Test
    void onePastARaisedLimitIsRefusedNamingIt() {
        assertThatThrownBy(() -> query("SELECT 1", 5001)).isInstanceOf(EngineException.class)
                .hasMessageContaining("Member must have value less than or equal to 5000")
                .satisfies(e -> assertThat(((EngineException) e).kind()).isEqualTo(ErrorKind.VALIDATION));
        assertThatThrownBy(() -> query(selectOfLength(300_001), 1)).isInstanceOf(EngineException.class)
                .hasMessageContaining("Member must have length less than or equal to 300000")
                .satisfies(e -> assertThat(((EngineException) e).kind()).isEqualTo(ErrorKind.VALIDATION));
    }
}
