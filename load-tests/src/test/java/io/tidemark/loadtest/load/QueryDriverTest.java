package io.tidemark.loadtest.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.loadtest.LoadTestMain;
import io.tidemark.loadtest.bench.TsbsQueries.Type;
import io.tidemark.loadtest.compare.DataRange;
import io.tidemark.loadtest.compare.Peer;
import io.tidemark.loadtest.compare.TidemarkPeer;
import io.tidemark.loadtest.tsbs.GeneratorConfig;
import io.tidemark.loadtest.tsbs.UseCase;
import io.tidemark.loadtest.tsbs.ValueMode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The query driver against one in-process node holding three copies of a tiny data set: two of the
 * same seed (their answers agree) and one of another seed (a system answering wrongly).
 */
class QueryDriverTest {

    private static final int HOSTS = 3;
    private static final long MINUTE = TimeUnit.MINUTES.toMillis(1);
    private static final int STEPS = 120;
    private static final List<Type> TYPES = List.of(Type.LASTPOINT, Type.SINGLE_GROUPBY_1_1_1, Type.DOUBLE_GROUPBY_ALL,
            Type.HIGH_CPU_ALL);

    @TempDir
    Path dir;
    private static URI endpoint;
    private static long startMillis;

    @BeforeAll
    static void loadThreeCopies() throws Exception {
        endpoint = SharedNode.endpoint();
        startMillis = System.currentTimeMillis() / MINUTE * MINUTE - STEPS * MINUTE;
        ingest("qref", 1);
        ingest("qsame", 1);
        ingest("qwrong", 2);
    }

    private static void ingest(String database, long seed) throws Exception {
        GeneratorConfig data = new GeneratorConfig(HOSTS, seed, TimeUnit.MILLISECONDS.toNanos(startMillis),
                TimeUnit.MINUTES.toNanos(1), STEPS, ValueMode.FLOAT2);
        new IngestDriver(new IngestDriver.Options(UseCase.CPU_ONLY, data, IngestTarget.TIDEMARK_LP, endpoint,
                database, "cpu", 2, 100)).run(new PrintWriter(new StringWriter()), Progress.silent());
    }

    private static Peer attached(String name, String database) throws Exception {
        Peer peer = TidemarkPeer.querying(name, database, "cpu");
        peer.attach(endpoint, range(), HOSTS);
        return peer;
    }

    private static DataRange range() {
        return new DataRange(startMillis, startMillis + STEPS * MINUTE, MINUTE);
    }

    @Test
    void everyTypeIsTimedOnEverySystemAndOnlyTheWrongAnswersAreFlagged() throws Exception {
        QueryDriver driver = new QueryDriver(new QueryDriver.Options(HOSTS, range(), TYPES, 2, 0, 7, 1e-6));

        QueryDriver.Result result = driver.run(List.of(attached("tidemark", "qref"), attached("same", "qsame"),
                attached("wrong", "qwrong")), new PrintWriter(new StringWriter()));

        assertThat(result.systems()).extracting(QueryDriver.SystemFigures::system)
                .containsExactly("tidemark", "same", "wrong");
        for (QueryDriver.SystemFigures system : result.systems()) {
            assertThat(system.failures()).as(system.system()).isEmpty();
            assertThat(system.latency()).as(system.system()).containsOnlyKeys(TYPES);
            system.latency().values().forEach(l -> {
                assertThat(l.count()).isEqualTo(2);
                assertThat(l.p50Millis()).isPositive();
                assertThat(l.p99Millis()).isGreaterThanOrEqualTo(l.p95Millis()).isGreaterThanOrEqualTo(l.p50Millis());
            });
        }
        assertThat(result.systems().get(0).rows().get(Type.LASTPOINT)).isEqualTo(HOSTS);
        assertThat(result.systems().get(1).mismatches()).isEmpty();
        assertThat(result.systems().get(2).mismatches()).containsKey(Type.DOUBLE_GROUPBY_ALL)
                .containsKey(Type.SINGLE_GROUPBY_1_1_1);
        assertThat(result.agreed()).isFalse();

        DriverReport report = DriverReport.parse(driver.report(result).json());
        assertThat(report.rows()).hasSize(3 * TYPES.size());
        List<Object> wrongDouble = report.rows().stream()
                .filter(r -> r.get(0).equals("wrong") && r.get(1).equals("double-groupby-all")).findFirst().orElseThrow();
        assertThat(wrongDouble.get(report.columns().indexOf("answer"))).isEqualTo("differs");
        assertThat(report.rows()).filteredOn(r -> r.get(0).equals("same"))
                .allSatisfy(r -> assertThat(r.get(report.columns().indexOf("answer"))).isEqualTo("same"));
        assertThat(report.notes()).anyMatch(n -> n.startsWith("mismatch wrong double-groupby-all: draw 0:"));
    }

    @Test
    void theCommandQueriesARunningNodeAndWritesItsTables() throws Exception {
        Path out = dir.resolve("queries");
        StringWriter text = new StringWriter();
        int status = LoadTestMain.commandLine().setOut(new PrintWriter(text)).setErr(new PrintWriter(text)).execute(
                "load", "queries", "--tidemark", endpoint.toString(), "--tidemark-database", "qref",
                "--scale", "3", "--interval", "1m", "--hours", "2", "--start",
                Instant.ofEpochMilli(startMillis).toString(), "--types", "lastpoint,high-cpu-all", "--runs", "3",
                "--warmups", "1", "--out", out.toString());

        assertThat(status).as(text.toString()).isZero();
        DriverReport report = DriverReport.parse(Files.readString(dir.resolve("queries.json"), StandardCharsets.UTF_8));
        assertThat(report.rows()).extracting(r -> r.get(1)).containsExactly("lastpoint", "high-cpu-all");
        assertThat(report.rows().get(0).get(report.columns().indexOf("rows"))).isEqualTo(HOSTS);
        assertThat(Files.readString(dir.resolve("queries.md"), StandardCharsets.UTF_8))
                .contains("| tidemark | lastpoint |").contains("reference");
    }

    @Test
    void withoutStartTheCommandSaysWhichStartItNeeds() {
        StringWriter err = new StringWriter();
        int status = LoadTestMain.commandLine().setErr(new PrintWriter(err)).execute("load", "queries", "--tidemark",
                endpoint.toString());

        assertThat(status).isNotZero();
        assertThat(err.toString()).contains("--start is missing");
    }
}
