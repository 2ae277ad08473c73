package io.tidemark.loadtest.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.loadtest.LoadTestMain;
import io.tidemark.loadtest.tsbs.CpuOnlyConfig;
import io.tidemark.loadtest.tsbs.ValueMode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine;

class QueryBenchmarkTest {

    /** Seed of the tiny data set: both hosts pass usage_user 90 in its hour, so high-cpu finds rows. */
    private static final long SEED = 5;
    private static final Pattern RESULT = Pattern.compile("(\\S+) median_ms=\\d+\\.\\d{2} p90_ms=\\d+\\.\\d{2} rows=(\\d+) cpu_ms=\\d+\\.\\d{2}");
    private static final Pattern SCAN = Pattern.compile("(memory|magnetic)-scan median_ms=\\d+\\.\\d{2} points_per_s_per_core=\\d+");
    private static final Pattern WARM_UP = Pattern.compile("warm-up: (\\d+) queries of 1 types in \\d+\\.\\d s \\((settled:"
            + " the JIT compiled \\d+ ms in the last 5 s|the limit, --warmup-seconds, was reached)\\), JIT compilation"
            + " (\\d+ ms in all|time unknown)");
    private static final Pattern HOST = Pattern.compile("hostname = 'host_(\\d+)'");

    @Test
    void commandParsesItsOptions() {
        CommandLine cli = LoadTestMain.commandLine();
        CommandLine.ParseResult parsed = cli.parseArgs("bench", "queries", "--scale", "2", "--hours", "1", "--runs",
                "3", "--warmups", "0", "--seed", "9", "--tier", "magnetic", "--query", "lastpoint,high-cpu-1");
        QueriesCommand command = parsed.subcommand().subcommand().commandSpec().commandLine().getCommand();
        QueryBenchmark.Options options = command.options(Path.of("data"));

        assertThat(options.data()).isEqualTo(CpuOnlyConfig.tsbs(2, 9, ValueMode.INT));
        assertThat(options.hours()).isEqualTo(1);
        assertThat(options.runs()).isEqualTo(3);
        assertThat(options.warmups()).isZero();
        assertThat(options.tier()).isEqualTo(QueryBenchmark.Tier.MAGNETIC);
        assertThat(options.types()).containsExactly(TsbsQueries.Type.LASTPOINT, TsbsQueries.Type.HIGH_CPU_1);
        assertThat(command.printQueries).isFalse();

        QueriesCommand defaults = LoadTestMain.commandLine().parseArgs("bench", "queries").subcommand().subcommand()
                .commandSpec().commandLine().getCommand();
        assertThat(defaults.options(null)).extracting(QueryBenchmark.Options::runs, QueryBenchmark.Options::warmups,
                QueryBenchmark.Options::tier, QueryBenchmark.Options::hours, QueryBenchmark.Options::types)
                .containsExactly(20, 5, QueryBenchmark.Tier.MEMORY, 24, EnumSet.allOf(TsbsQueries.Type.class));
    }

    @Test
    void warmUpPhaseIsOnByDefaultAndItsLimitParsed() {
        QueriesCommand defaults = LoadTestMain.commandLine().parseArgs("bench", "queries").subcommand().subcommand()
                .commandSpec().commandLine().getCommand();
        assertThat(defaults.options(null).warmUpLimit()).isEqualTo(Duration.ofSeconds(60));
        QueriesCommand none = LoadTestMain.commandLine().parseArgs("bench", "queries", "--warmup-seconds", "0")
                .subcommand().subcommand().commandSpec().commandLine().getCommand();
        assertThat(none.options(null).warmUpLimit()).isZero();
    }

    @Test
    void warmUpPhaseRunsBeforeTheMeasuredTypesAndPrintsItsLine(@TempDir Path dir) {
        QueryBenchmark.Options options = new QueryBenchmark.Options(CpuOnlyConfig.tsbs(2, SEED, ValueMode.INT), 1, 1, 0,
                QueryBenchmark.Tier.MEMORY, Set.of(TsbsQueries.Type.SINGLE_GROUPBY_1_1_1), dir, false, 0,
                Duration.ofMillis(500));
        List<String> lines = run(options);

        int warmUp = indexOfMatch(lines, WARM_UP);
        int measured = indexOfMatch(lines, RESULT);
        assertThat(warmUp).as("the warm-up line in %s", lines).isNotNegative().isLessThan(measured);
        Matcher m = WARM_UP.matcher(lines.get(warmUp));
        assertThat(m.matches()).isTrue();
        assertThat(Long.parseLong(m.group(1))).as("queries run while warming up").isPositive();
    }

    private static int indexOfMatch(List<String> lines, Pattern pattern) {
        for (int i = 0; i < lines.size(); i++) {
            if (pattern.matcher(lines.get(i)).matches()) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void unknownTierIsRejectedWithAClearMessage() {
        StringWriter err = new StringWriter();
        CommandLine cli = LoadTestMain.commandLine();
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute("bench", "queries", "--tier", "disk")).isNotZero();
        assertThat(err.toString()).contains("cannot parse tier: value=disk, expected=memory|magnetic");

        StringWriter typeErr = new StringWriter();
        CommandLine typeCli = LoadTestMain.commandLine();
        typeCli.setErr(new PrintWriter(typeErr));
        assertThat(typeCli.execute("bench", "queries", "--query", "lastpoint,first-point")).isNotZero();
        assertThat(typeErr.toString()).contains("cannot parse query type: value=first-point, expected=one of [lastpoint,");
    }

    @Test
    void printsOneQueryTextPerType() {
        String printed = printQueries(options(QueryBenchmark.Tier.MEMORY, null, false));
        List<String> lines = printed.lines().toList();

        assertThat(lines).hasSize(TsbsQueries.Type.values().length + 1);
        for (TsbsQueries.Type type : TsbsQueries.Type.values()) {
            assertThat(lines).anyMatch(l -> l.startsWith(type.label() + ": SELECT "));
        }
        assertThat(lines).last().asString().startsWith("memory-scan: SELECT count(*)");
    }

    @ParameterizedTest
    @EnumSource(QueryBenchmark.Tier.class)
    void tinyRunReturnsTheHandCheckedRowCounts(QueryBenchmark.Tier tier, @TempDir Path dir) {
        QueryBenchmark.Options options = options(tier, dir, false);
        List<String> lines = run(options);

        assertThat(lines).anyMatch(l -> SCAN.matcher(l).matches() && l.startsWith(tier.name().toLowerCase() + "-scan"));
        assertThat(lines).noneMatch(l -> l.startsWith("queries over HTTP"));
        assertHandCheckedRowCounts(options, rowsPerType(lines));
    }

    @Test
    void tinyRunOverHttpReadsTheSameRowsThroughTheQueryApi(@TempDir Path dir) {
        QueryBenchmark.Options options = options(QueryBenchmark.Tier.MEMORY, dir, true);
        List<String> lines = run(options);

        assertThat(lines).anyMatch(l -> l.matches("queries over HTTP: Query API at http://127\\.0\\.0\\.1:\\d+"));
        assertThat(lines).anyMatch(l -> SCAN.matcher(l).matches() && l.startsWith("memory-scan"));
        assertHandCheckedRowCounts(options, rowsPerType(lines));
    }

    @Test
    void httpOptionSelectsTheQueryApi() {
        QueriesCommand command = LoadTestMain.commandLine().parseArgs("bench", "queries", "--http").subcommand()
                .subcommand().commandSpec().commandLine().getCommand();
        assertThat(command.options(Path.of("data")).http()).isTrue();
        QueriesCommand defaults = LoadTestMain.commandLine().parseArgs("bench", "queries").subcommand().subcommand()
                .commandSpec().commandLine().getCommand();
        assertThat(defaults.options(Path.of("data")).http()).isFalse();
    }

    private static List<String> run(QueryBenchmark.Options options) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new QueryBenchmark(options).run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private static Map<String, Long> rowsPerType(List<String> lines) {
        Map<String, Long> rows = new LinkedHashMap<>();
        for (String line : lines) {
            Matcher m = RESULT.matcher(line);
            if (m.matches()) {
                rows.put(m.group(1), Long.parseLong(m.group(2)));
            }
        }
        return rows;
    }

    private static void assertHandCheckedRowCounts(QueryBenchmark.Options options, Map<String, Long> rows) {
        // one row per minute of the hour; one per hour; one per host and hour; per host
        Map<String, Long> expected = new HashMap<>();
        expected.put("lastpoint", 2L);
        for (String sg : List.of("1-1-1", "1-1-12", "1-8-1", "5-1-1", "5-1-12", "5-8-1")) {
            expected.put("single-groupby-" + sg, 60L);
        }
        expected.put("cpu-max-all-1", 1L);
        expected.put("cpu-max-all-8", 1L);
        expected.put("double-groupby-1", 2L);
        expected.put("double-groupby-5", 2L);
        expected.put("double-groupby-all", 2L);
        expected.put("groupby-orderby-limit", 5L);
        // high-cpu: the 12-hour window covers the whole hour of data
        TsbsLoader.DataSet data = TsbsLoader.DataSet.generate(options.data(), 360);
        Matcher host = HOST.matcher(printQueries(options).lines()
                .filter(l -> l.startsWith("high-cpu-1:")).findFirst().orElseThrow());
        assertThat(host.find()).isTrue();
        long oneHost = readingsAbove90(data, Integer.parseInt(host.group(1)));
        long allHosts = readingsAbove90(data, 0) + readingsAbove90(data, 1);
        assertThat(oneHost).isPositive();
        assertThat(allHosts).isGreaterThan(oneHost);
        expected.put("high-cpu-1", oneHost);
        expected.put("high-cpu-all", allHosts);

        assertThat(rows).containsOnlyKeys(expected.keySet());
        assertThat(rows).containsAllEntriesOf(expected);
        assertThat(rows.keySet()).containsExactly(java.util.Arrays.stream(TsbsQueries.Type.values())
                .map(TsbsQueries.Type::label).toArray(String[]::new));
    }

    private static long readingsAbove90(TsbsLoader.DataSet data, int host) {
        long count = 0;
        for (int s = 0; s < data.steps(); s++) {
            if (data.value(host, 0, s) > 90) {
                count++;
            }
        }
        return count;
    }

    private static QueryBenchmark.Options options(QueryBenchmark.Tier tier, Path dir, boolean http) {
        return new QueryBenchmark.Options(CpuOnlyConfig.tsbs(2, SEED, ValueMode.INT), 1, 1, 0, tier, Set.of(), dir, http, 0,
                Duration.ZERO);
    }

    private static String printQueries(QueryBenchmark.Options options) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new QueryBenchmark(options).printQueries(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
