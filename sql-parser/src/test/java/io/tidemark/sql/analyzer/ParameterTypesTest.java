package io.tidemark.sql.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.sql.parser.SqlParser;
import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.sql.type.SqlType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The types PrepareQuery reports for {@code @name} parameters: taken from what a parameter is
 * compared with, from the function argument it fills, timestamp for {@code @scheduled_runtime},
 * unknown otherwise; each parameter listed once, in order of first use.
 */
class ParameterTypesTest {

    private static final SqlParser PARSER = new SqlParser();
    private static final Analyzer ANALYZER = new Analyzer(TestCatalog.INSTANCE);

    private static Map<String, SqlType> parameters(String sql) {
        return ANALYZER.analyze(PARSER.parseStatement(sql)).parameters();
    }

    @Test
    void aComparedParameterTakesTheTypeOfWhatItIsComparedWith() {
        assertThat(parameters("SELECT host FROM db.cpu WHERE host = @wanted AND @least < measure_value::double"
                + " AND measure_value::bigint BETWEEN @low AND @high AND region IN ('eu', @other)"))
                .containsExactly(Map.entry("wanted", PrimitiveType.VARCHAR), Map.entry("least", PrimitiveType.DOUBLE),
                        Map.entry("low", PrimitiveType.BIGINT), Map.entry("high", PrimitiveType.BIGINT),
                        Map.entry("other", PrimitiveType.VARCHAR));
    }

    @Test
    void aFunctionArgumentTakesTheTypeTheFunctionDeclares() {
        assertThat(parameters("SELECT bin(time, @width) AS t, count(*) FROM db.cpu GROUP BY bin(time, @width)"))
                .containsExactly(Map.entry("width", PrimitiveType.INTERVAL_DAY_TO_SECOND));
    }

    @Test
    void scheduledRuntimeIsATimestampAndItsArithmeticIsTyped() {
        assertThat(parameters("SELECT host FROM db.cpu WHERE time BETWEEN @scheduled_runtime - 1h AND @scheduled_runtime"))
                .containsExactly(Map.entry("scheduled_runtime", PrimitiveType.TIMESTAMP));
    }

    @Test
    void aParameterUsedOnlyWhereNothingTypesItIsUnknownAndListedOnce() {
        assertThat(parameters("SELECT @label AS l, host FROM db.cpu WHERE host = @h OR @h IS NULL"))
                .containsExactly(Map.entry("label", PrimitiveType.UNKNOWN), Map.entry("h", PrimitiveType.VARCHAR));
        assertThat(parameters("SELECT 1")).isEmpty();
    }
}
