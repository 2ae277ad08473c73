package io.tidemark.engine.query.differential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.tidemark.engine.ManualClock;
import io.tidemark.engine.catalog.RetentionProperties;
import io.tidemark.engine.metering.TableUsage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tidemark's SQL against DuckDB's on the same seeded data (see {@link DataSet}): hundreds of
 * hand-written and generated queries, each a named case whose failure prints the SQL and the first
 * differing row of each side. The data crosses tiers: after loading, the clock moves on and the
 * migrator moves the older half of every series to the magnetic store; the {@code net} records
 * were written straight to the magnetic store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DuckDbDifferentialTest {

    static final Instant START = Instant.parse("2026-03-10T12:00:00Z");
    private static final long DATA_SEED = 20260310L;
    private static final long QUERY_SEED = 7L;
    private static final int GENERATED_QUERIES = 400;

    private Path dataDir;
    private TidemarkNode node;
    private DuckDbMirror duck;

    @BeforeAll
    void load() throws IOException {
        dataDir = Files.createTempDirectory("tidemark-differential");
        ManualClock clock = new ManualClock(START);
        node = TidemarkNode.start(dataDir, clock, DataSet.DATABASE);
        duck = DuckDbMirror.open();
        DataSet data = new DataSet(DATA_SEED, START.toEpochMilli() * 1000);
        Map<String, TableShape> shapes = DataSet.shapes().stream()
                .collect(Collectors.toMap(TableShape::name, Function.identity()));
        RetentionProperties oneHourInMemory = new RetentionProperties(1, 30);
        node.createTable("cpu", oneHourInMemory, false);
        node.createTable("metrics", oneHourInMemory, true);
        node.createTable("hosts", oneHourInMemory, false);
        shapes.values().forEach(duck::create);
        load("cpu", data.cpu(), shapes);
        load("metrics", data.metricsStats(), shapes);
        load("metrics", data.metricsNet(), shapes);
        load("hosts", data.hosts(), shapes);

        clock.advance(Duration.ofMinutes(30));
        node.migrateNow();
        TableUsage cpu = node.usage("cpu");
        assertThat(cpu.memoryStorePoints()).as("cpu points left in memory").isPositive();
        assertThat(cpu.magneticStorePoints()).as("cpu points migrated").isPositive();
    }

    private void load(String table, List<DataRow> rows, Map<String, TableShape> shapes) {
        node.write(table, rows.stream().map(DataRow::toRecordInput).toList());
        duck.insert(shapes.get(table), rows);
    }

    @AfterAll
    void stop() throws IOException {
        if (duck != null) {
            duck.close();
        }
        if (node != null) {
            node.close();
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static Stream<DiffQuery> queries() {
        return Stream.concat(HandWrittenQueries.all().stream(), new QueryGenerator(QUERY_SEED).generate(GENERATED_QUERIES).stream());
    }

    @Test
    void theMirrorHoldsTheSameRowCounts() {
        for (String table : List.of("cpu", "metrics", "hosts")) {
            String sql = "SELECT count(*) FROM " + DataSet.DATABASE + "." + table;
            assertThat(node.query(sql).single()).as(table).isEqualTo(duck.query(sql).single());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("queries")
    void agreesWithDuckDb(DiffQuery query) {
        Optional<String> difference = difference(query);
        if (query.knownDifference() != null) {
            assertThat(difference).as("%s is marked known (%s) but now agrees with DuckDB: remove the marker", query.name(),
                    query.knownDifference()).isPresent();
        } else if (difference.isPresent()) {
            fail(query.sql() + "\n" + (query.duckSql().equals(DiffQuery.toDuck(query.sql())) ? "" : "DuckDB: " + query.duckSql() + "\n")
                    + difference.get());
        }
    }

    private Optional<String> difference(DiffQuery query) {
        SqlRows expected = duck.query(query.duckSql());
        SqlRows actual;
        try {
            actual = node.query(query.sql());
        } catch (RuntimeException e) {
            return Optional.of("Tidemark failed: " + e);
        }
        return ResultComparison.difference(expected, actual, query.ordered());
    }
}
