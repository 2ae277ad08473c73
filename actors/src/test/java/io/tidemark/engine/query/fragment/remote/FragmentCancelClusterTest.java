package io.tidemark.engine.query.fragment.remote;

import static io.tidemark.engine.query.QueryTestEngine.DB;
import static io.tidemark.engine.query.QueryTestEngine.await;
import static io.tidemark.engine.query.QueryTestEngine.multi;
import static io.tidemark.engine.query.QueryTestEngine.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.engine.Engine;
import io.tidemark.engine.EngineException;
import io.tidemark.engine.ErrorKind;
import io.tidemark.engine.ManualClock;
import io.tidemark.engine.catalog.MagneticStoreWriteProperties;
import io.tidemark.engine.catalog.RetentionProperties;
import io.tidemark.engine.catalog.TableDescription;
import io.tidemark.engine.query.QueryService.QueryPage;
import io.tidemark.engine.query.QueryService.QueryResult;
import io.tidemark.engine.query.QueryService.QueryRequest;
import io.tidemark.engine.query.fragment.ShardFragmentRunner;
import io.tidemark.engine.shard.fragment.FragmentControl;
import io.tidemark.engine.testing.EngineCluster;
import io.tidemark.engine.testing.LoopbackCluster;
import io.tidemark.engine.write.RecordInput;
import io.tidemark.storage.model.Dimension;
import io.tidemark.storage.model.SeriesKey;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three engines of one cluster on loopback (real remoting and Kryo) whose fragment runs wait in a
 * {@link HoldingChunkHook} before their first chunk, on every node, until the test lets them go or
 * the run is stopped; the fragment timeout is 10 minutes, so only a cancel ends a held run in the
 * test's time. The table's shards run on all three nodes. Cancelling the query on the querying
 * node stops the runs on every node (the querying node's own shards through the same flag), and
 * so does another shard failing the query with the user's error. A run slower than the first-read
 * timeout, but acknowledged, is not retried.
 */
class FragmentCancelClusterTest {

    private static final int SHARDS = 6;
    private static final int QUERIER = 0;
    private static final int HOSTS = 24;
    private static final Duration FIRST_READ = Duration.ofSeconds(1);
    private static final ManualClock CLOCK = new ManualClock(Instant.parse("2026-05-01T12:00:00Z"));
    private static final String AGGREGATES = "SELECT region, hostname, sum(usage) AS s, count(*) AS c FROM " + DB
            + ".cpu GROUP BY 1, 2 ORDER BY 1, 2";
    /** Fails (BIGINT division by zero) on h0's rows only. */
    private static final String FAILS_ON_H0 = "SELECT region, sum(CASE WHEN hostname = 'h0' THEN 1 / (count - count)"
            + " ELSE count END) FROM " + DB + ".cpu GROUP BY region";

    @TempDir
    static Path root;

    private static final List<Engine> CLUSTER = new ArrayList<>();
    private static TableDescription table;


    @BeforeAll
    static void start() throws IOException {
        Map<String, Object> settings = EngineCluster.quietTiers(SHARDS);
        settings.put("tidemark.engine.ask-timeout", "10m");
        settings.put("tidemark.engine.query.fragment-timeout", "10m");
        settings.put("tidemark.engine.shard.first-read-timeout", FIRST_READ.toMillis() + "ms");
        settings.put("tidemark.engine.query.fragment-chunk-hook", HoldingChunkHook.class.getName());
        CLUSTER.addAll(EngineCluster.start(3, root, settings, CLOCK));
        Engine first = CLUSTER.get(0);
        await(first.catalog().createDatabase(DB, null, List.of()));
        table = await(first.catalog().createTable(DB, "cpu", RetentionProperties.DEFAULT,
                MagneticStoreWriteProperties.DISABLED, null, List.of()));
        write(first, "cpu", records());
        LoopbackCluster.awaitUntil(LoopbackCluster.MEMBERSHIP_DEADLINE, "every node's catalog view has the table",
                () -> CLUSTER.stream().allMatch(engine -> engine.catalog().table(DB, "cpu").isPresent()));
        // every shard entity is started, and the querying node's view of the others settled
        await(CLUSTER.get(QUERIER).query(AGGREGATES));
        assertThat(dataShards()).as("every shard holds series").hasSize(SHARDS);
    }

    @AfterAll
    static void stop() {
        for (Engine engine : CLUSTER) {
            engine.close();
        }
    }

    @AfterEach
    void releaseHeldRuns() {
        if (table != null) {
            HoldingChunkHook.release(table.tableId());
        }
    }

    /** {@code HOSTS} hosts in 3 regions, a point a minute for 30 minutes. */
    private static List<RecordInput> records() {
        long start = CLOCK.millis() - Duration.ofMinutes(30).toMillis();
        List<RecordInput> records = new ArrayList<>();
        for (int minute = 0; minute < 30; minute++) {
            for (int host = 0; host < HOSTS; host++) {
                records.add(multi("cpu", start + minute * 60_000L, (host * 7 + minute) % 50 + 0.5, host + minute,
                        "hostname", "h" + host, "region", "r" + host % 3));
            }
        }
        return records;
    }

    private static int shardOf(int host) {
        return SeriesKey.of(List.of(new Dimension("hostname", "h" + host), new Dimension("region", "r" + host % 3)),
                "cpu").shard(SHARDS);
    }

    private static Set<Integer> dataShards() {
        Set<Integer> shards = new HashSet<>();
        IntStream.range(0, HOSTS).forEach(host -> shards.add(shardOf(host)));
        return shards;
    }

    @Test
    void cancellingTheQueryStopsItsFragmentsOnEveryNode() {
        Map<Integer, Long> hosted = shardsPerNode();
        assertThat(hosted.keySet()).as("nodes running the table's shards: %s", hosted)
                .containsExactlyInAnyOrder(0, 1, 2);
        List<FragmentControl.Counts> before = controlCounts();
        HoldingChunkHook.hold(table.tableId(), dataShards());
        CompletionStage<QueryPage> running = CLUSTER.get(QUERIER).queries().query(new QueryRequest(AGGREGATES,
                Optional.empty(), Optional.empty(), Optional.empty()));
        awaitUntil("every shard's run waits in the hook", () -> HoldingChunkHook.holding() == SHARDS);
        assertThat(HoldingChunkHook.queryIds()).hasSize(1);

        await(CLUSTER.get(QUERIER).queries().cancel(HoldingChunkHook.queryIds().iterator().next()));

        assertThatThrownBy(() -> await(running)).isInstanceOf(EngineException.class)
                .hasMessageContaining("was cancelled");
        awaitUntil("no fragment runs on any node", () -> HoldingChunkHook.holding() == 0
                && controlCounts().stream().allMatch(counts -> counts.running() == 0));
        List<FragmentControl.Counts> after = controlCounts();
        for (int node = 0; node < CLUSTER.size(); node++) {
            assertThat(after.get(node).cancelled() - before.get(node).cancelled())
                    .as("runs stopped by a cancel on node %d (querying node %d; shards per node %s)", node, QUERIER,
                            hosted)
                    .isEqualTo(hosted.get(node));
        }
    }

    @Test
    void anotherShardFailingTheQueryStopsTheOthers() {
        int failing = shardOf(0);
        Set<Integer> held = new HashSet<>(dataShards());
        held.remove(failing);
        List<FragmentControl.Counts> before = controlCounts();
        // the failing shard's run waits too until every other run has begun: a shard task not yet
        // started when the query fails is never sent, so it would not be there to stop
        HoldingChunkHook.hold(table.tableId(), dataShards());
        CompletionStage<QueryResult> failed = CLUSTER.get(QUERIER).query(FAILS_ON_H0);
        awaitUntil("every shard's run waits in the hook", () -> HoldingChunkHook.holding() == SHARDS);
        HoldingChunkHook.hold(table.tableId(), held);

        assertThatThrownBy(() -> await(failed)).isInstanceOf(EngineException.class)
                .hasMessageContaining("Division by zero")
                .satisfies(e -> assertThat(((EngineException) e).kind()).isEqualTo(ErrorKind.VALIDATION));

        awaitUntil("no fragment runs on any node", () -> HoldingChunkHook.holding() == 0
                && controlCounts().stream().allMatch(counts -> counts.running() == 0));
        assertThat(cancelled(controlCounts()) - cancelled(before)).as("held runs stopped by a cancel")
                .isEqualTo(held.size());
    }

    @Test
    void aFragmentSlowerThanTheFirstReadTimeoutButAcknowledgedIsNotRetried() throws InterruptedException {
        List<String> expected = rows(await(CLUSTER.get(QUERIER).query(AGGREGATES)).rows());
        ShardFragmentRunner.Counts before = runner().counts();
        HoldingChunkHook.hold(table.tableId(), dataShards());
        var running = CLUSTER.get(QUERIER).query(AGGREGATES);
        awaitUntil("every shard's run waits in the hook", () -> HoldingChunkHook.holding() == SHARDS);
        // the runs go on for three first-read timeouts (real time, as the timeout is)
        Thread.sleep(3 * FIRST_READ.toMillis());
        HoldingChunkHook.release(table.tableId());

        assertThat(rows(await(running).rows())).isEqualTo(expected);
        ShardFragmentRunner.Counts after = runner().counts();
        assertThat(after.shipped() - before.shipped()).as("shards answered by their node").isEqualTo(SHARDS);
        assertThat(after.retried() - before.retried()).as("retried shard tasks").isZero();
        assertThat(after.firstReadTimeouts() - before.firstReadTimeouts()).isZero();
    }

    /** How many of the table's shards each node runs. */
    private static Map<Integer, Long> shardsPerNode() {
        Map<String, Integer> hosts = EngineCluster.entityHosts(CLUSTER, table.tableId());
        assertThat(hosts).as("every shard entity runs somewhere").hasSize(SHARDS);
        return hosts.values().stream().collect(Collectors.groupingBy(node -> node, Collectors.counting()));
    }

    private static ShardFragmentRunner runner() {
        return (ShardFragmentRunner) CLUSTER.get(QUERIER).fragments();
    }

    private static List<FragmentControl.Counts> controlCounts() {
        return CLUSTER.stream().map(engine -> ((ShardFragmentRunner) engine.fragments()).control().counts()).toList();
    }

    private static long cancelled(List<FragmentControl.Counts> counts) {
        return counts.stream().mapToLong(FragmentControl.Counts::cancelled).sum();
    }

    private static void awaitUntil(String what, java.util.function.BooleanSupplier condition) {
        LoopbackCluster.awaitUntil(LoopbackCluster.MEMBERSHIP_DEADLINE, what, condition);
    }

    private static List<String> rows(io.tidemark.engine.query.vector.Batch batch) {
        List<String> rows = new ArrayList<>();
        for (int r = 0; r < batch.rowCount(); r++) {
            List<Object> row = new ArrayList<>();
            for (int c = 0; c < batch.columnCount(); c++) {
                row.add(batch.column(c).get(r));
            }
            rows.add(row.toString());
        }
        return rows;
    }
}
