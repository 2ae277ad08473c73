package io.tidemark.sql.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.sql.ast.Comparison;
import io.tidemark.sql.ast.Node;
import io.tidemark.sql.ast.Statement;
import io.tidemark.sql.ast.Table;
import io.tidemark.sql.format.SqlFormatter;
import io.tidemark.sql.parser.SqlParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The pruning predicates an analysis leaves for the planner. */
class ScanPredicatesTest {

    private static final SqlParser PARSER = new SqlParser();
    private static final Analyzer ANALYZER = new Analyzer(TestCatalog.INSTANCE);

    @Test
    void timeBoundsAndNameValuesComeFromTheTopLevelAndTerms() {
        ScanPredicates predicates = predicates("SELECT * FROM db.cpu c WHERE c.time > ago(2h) AND from_milliseconds(5) >= time "
                + "AND measure_name = 'cpu' AND host IN ('a', 'b') AND 'b' = host AND time BETWEEN timestamp '2022-01-01' AND now() "
                + "AND (region = 'x' OR region = 'y') AND measure_value::double > 5").orElseThrow();
        assertThat(predicates.table()).isEqualTo(new TableReference("db", "cpu"));
        assertThat(predicates.timeBounds()).extracting(b -> b.operator() + " " + SqlFormatter.formatSql(b.value())).containsExactly(
                Comparison.Operator.GREATER_THAN + " ago(2h)",
                Comparison.Operator.LESS_THAN_OR_EQUAL + " from_milliseconds(5)",
                Comparison.Operator.GREATER_THAN_OR_EQUAL + " TIMESTAMP '2022-01-01'",
                Comparison.Operator.LESS_THAN_OR_EQUAL + " now()");
        assertThat(predicates.values()).isEqualTo(Map.of("measure_name", Set.of("cpu"), "host", Set.of("b")));
    }

    @Test
    void exactWhenEveryTermIsAPruningTerm() {
        assertThat(predicates("SELECT * FROM db.cpu WHERE time > ago(2h) AND measure_name = 'cpu' AND host IN ('a', 'b') "
                + "AND time BETWEEN timestamp '2022-01-01' AND now()").orElseThrow().exact()).isTrue();
        assertThat(predicates("SELECT * FROM db.cpu WHERE time > ago(2h) AND measure_value::double > 5").orElseThrow().exact()).isFalse();
        assertThat(predicates("SELECT * FROM db.cpu WHERE host = 'a' OR host = 'b'").orElseThrow().exact()).isFalse();
        assertThat(predicates("SELECT * FROM db.cpu WHERE measure_name = measure_name").orElseThrow().exact()).isFalse();
    }

    @Test
    void distinctFromNeitherBoundsTimeNorPrunes() {
        for (String where : List.of("time IS DISTINCT FROM timestamp '2022-01-01'", "time IS NOT DISTINCT FROM timestamp '2022-01-01'",
                "timestamp '2022-01-01' IS NOT DISTINCT FROM time", "time <> timestamp '2022-01-01'",
                "host IS NOT DISTINCT FROM 'a'")) {
            ScanPredicates predicates = predicates("SELECT * FROM db.cpu WHERE " + where).orElseThrow();
            assertThat(predicates.timeBounds()).as(where).isEmpty();
            assertThat(predicates.values()).as(where).isEmpty();
            assertThat(predicates.exact()).as(where).isFalse();
        }
    }

    @Test
    void contradictoryValuesLeaveAnEmptySet() {
        assertThat(predicates("SELECT * FROM db.cpu WHERE host = 'a' AND host = 'b'").orElseThrow().values())
                .isEqualTo(Map.of("host", Set.of()));
    }

    @Test
    void termsThatDependOnRowsOrChanceAreNotBounds() {
        ScanPredicates predicates = predicates("SELECT * FROM db.cpu WHERE time > time - 1h AND time <> now() "
                + "AND time > from_unixtime(rand()) AND NOT host = 'a' AND host NOT IN ('b') AND host = upper('c') "
                + "AND time < (SELECT max(time) FROM db.metrics)").orElseThrow();
        assertThat(predicates.timeBounds()).isEmpty();
        assertThat(predicates.values()).isEmpty();
    }

    @Test
    void onlySingleTableScansGetPredicates() {
        assertThat(predicates("SELECT * FROM db.cpu")).isEmpty();
        Statement join = PARSER.parseStatement("SELECT * FROM db.cpu c JOIN db.metrics m ON c.host = m.host WHERE c.host = 'a'");
        Analysis analysis = ANALYZER.analyze(join);
        assertThat(tables(join)).allSatisfy(table -> assertThat(analysis.scanPredicates(table)).isEmpty());
        Statement correlated = PARSER.parseStatement("SELECT * FROM db.cpu c WHERE EXISTS (SELECT 1 FROM db.metrics m WHERE m.host = c.host AND m.time > ago(1h))");
        Analysis inner = ANALYZER.analyze(correlated);
        ScanPredicates metrics = inner.scanPredicates(tables(correlated).get(1)).orElseThrow();
        assertThat(metrics.values()).as("an outer column is not a constant").isEmpty();
        assertThat(metrics.timeBounds()).hasSize(1);
    }

    private static Optional<ScanPredicates> predicates(String sql) {
        Statement statement = PARSER.parseStatement(sql);
        return ANALYZER.analyze(statement).scanPredicates(tables(statement).get(0));
    }

    private static List<Table> tables(Node root) {
        List<Table> found = new ArrayList<>();
        if (root instanceof Table table) {
            found.add(table);
        }
        root.children().forEach(child -> found.addAll(tables(child)));
        return found;
    }
}
