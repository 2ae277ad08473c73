package io.tidemark.engine.query.fragment.remote;

import static io.tidemark.engine.query.QueryTestEngine.DB;
import static io.tidemark.engine.query.QueryTestEngine.await;
import static io.tidemark.engine.query.QueryTestEngine.multi;
import static io.tidemark.engine.query.QueryTestEngine.write;
import static io.tidemark.engine.testing.BatchRows.typedRows;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.engine.Engine;
import io.tidemark.engine.ManualClock;
import io.tidemark.engine.catalog.MagneticStoreWriteProperties;
import io.tidemark.engine.catalog.RetentionProperties;
import io.tidemark.engine.catalog.TableDescription;
import io.tidemark.engine.query.QueryService.QueryResult;
import io.tidemark.engine.query.fragment.ShardFragmentRunner;
import io.tidemark.engine.testing.BatchRows;
import io.tidemark.engine.testing.EngineCluster;
import io.tidemark.engine.testing.LoopbackCluster;
import io.tidemark.engine.write.RecordInput;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three engines of one cluster on loopback (real remoting and Kryo, replication factor 2, the
 * magnetic store shared) next to a single-node engine holding the same rows: queries through node
 * 1 of data written through node 0 answer exactly what the single node answers, while the
 * fragments ran on the nodes owning the shards (their hosts rebuilt them; node 1 read no shard's
 * chunks) — aggregates whose partial states are objects (max_by as TSBS lastpoint, approx_percentile,
 * approx_distinct, DISTINCT, array_agg and the other collecting and selecting aggregates) included,
 * their states crossing nodes as bytes — and the fragments that cannot be shipped (a subquery in an
 * expression) fall back to reading chunks. Last, the node owning a shard crashes and a query
 * started right after still answers exactly: its fragment on the lost shard fails when the node
 * becomes unreachable (not at the first-read timeout) and is retried on the shard's new node,
 * which caught up from a replica. Rows hold halves only, so sums are exact in
 * any order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FragmentShippingClusterTest {

    private static final int SHARDS = 6;
    private static final int QUERIER = 1;
    private static final ManualClock CLOCK = new ManualClock(Instant.parse("2026-05-01T12:00:00Z"));

    @TempDir
    static Path root;

    private static final List<Engine> CLUSTER = new ArrayList<>();
    private static Engine single;
    private static TableDescription table;

    @BeforeAll
    static void start() throws IOException {
        CLUSTER.addAll(EngineCluster.start(3, root, EngineCluster.withCrashes(EngineCluster.quietTiers(SHARDS)),
                CLOCK));
        single = Engine.start(Engine.singleNodeConfig(root.resolve("single"), EngineCluster.quietTiers(SHARDS)), CLOCK);
        List<RecordInput> records = records();
        for (Engine engine : List.of(CLUSTER.get(0), single)) {
            await(engine.catalog().createDatabase(DB, null, List.of()));
            TableDescription created = await(engine.catalog().createTable(DB, "cpu", RetentionProperties.DEFAULT,
                    MagneticStoreWriteProperties.DISABLED, null, List.of()));
            write(engine, "cpu", records);
            if (engine != single) {
                table = created;
            }
        }
        LoopbackCluster.awaitUntil(LoopbackCluster.MEMBERSHIP_DEADLINE, "every node's catalog view has the table",
                () -> CLUSTER.stream().allMatch(engine -> engine.catalog().table(DB, "cpu").isPresent()));
        // every shard entity is started (a shard no row went to starts on its first fragment)
        await(CLUSTER.get(QUERIER).query(GLOBAL));
    }

    @AfterAll
    static void stop() {
        for (Engine engine : CLUSTER) {
            engine.close();
        }
        if (single != null) {
            single.close();
        }
    }

    /** 12 hosts in 3 regions, a point a minute for 2 hours, usage in halves from 0.5 to 99.5. */
    private static List<RecordInput> records() {
        long start = CLOCK.millis() - Duration.ofHours(2).toMillis();
        List<RecordInput> records = new ArrayList<>();
        for (int minute = 0; minute < 120; minute++) {
            for (int host = 0; host < 12; host++) {
                double usage = (host * 37 + minute * 11) % 100 + 0.5;
                records.add(multi("cpu", start + minute * 60_000L, usage, host + minute, "hostname", "h" + host,
                        "region", "r" + host % 3));
            }
        }
        return records;
    }

    private static final String AGGREGATES = "SELECT bin(time, 15m) AS b, region, hostname, avg(usage) AS a,"
            + " min(usage) AS lo, max(usage) AS hi, count(*) AS c, sum(count) AS s FROM " + DB + ".cpu"
            + " WHERE time > ago(3h) GROUP BY 1, 2, 3 ORDER BY 1, 2, 3";
    private static final String FILTER = "SELECT hostname, time, usage FROM " + DB + ".cpu"
            + " WHERE usage > 90 AND region = 'r1' ORDER BY time, hostname";
    private static final String TOP_N = "SELECT hostname, time, usage FROM " + DB + ".cpu"
            + " ORDER BY usage DESC, time, hostname LIMIT 7";
    private static final String GLOBAL = "SELECT count(*), sum(usage), avg(usage), min(time), max(time) FROM "
            + DB + ".cpu";
    private static final String MAX_BY = "SELECT hostname, max_by(usage, time) AS last FROM " + DB + ".cpu"
            + " GROUP BY hostname ORDER BY hostname";
    private static final String MAX_BY_DECODED = "SELECT hostname, max_by(usage, time) AS last, min_by(count, usage) AS first"
            + " FROM " + DB + ".cpu WHERE usage > 10 GROUP BY hostname ORDER BY hostname";
    private static final String PERCENTILES = "SELECT region, approx_percentile(usage, 0.9) AS p90,"
            + " approx_percentile(usage, ARRAY[0.1, 0.5, 0.99]) AS ps, approx_percentile(count, 5, 0.5) AS weighted FROM "
            + DB + ".cpu GROUP BY region ORDER BY region";
    private static final String DISTINCTS = "SELECT region, approx_distinct(usage) AS d, count(DISTINCT hostname) AS h,"
            + " count(DISTINCT usage) AS u, sum(DISTINCT count) AS s FROM " + DB + ".cpu GROUP BY region ORDER BY region";
    private static final String ARRAY_AGG = "SELECT hostname, array_agg(usage) AS a FROM " + DB + ".cpu"
            + " WHERE time > ago(30m) GROUP BY hostname ORDER BY hostname";
    private static final String COLLECTIONS = "SELECT region, max(usage, 3) AS top, min_by(hostname, usage, 2) AS low,"
            + " histogram(hostname) AS hist, map_agg(hostname, usage) AS firsts, arbitrary(hostname) AS any,"
            + " multimap_agg(hostname, count) AS counts, create_time_series(time, usage) AS series FROM " + DB + ".cpu"
            + " WHERE time > ago(20m) GROUP BY region ORDER BY region";
    private static final String SUBQUERY = "SELECT hostname, time FROM " + DB + ".cpu WHERE usage > (SELECT"
            + " avg(usage) + 40 FROM " + DB + ".cpu) ORDER BY time, hostname";

    @Test
    @Order(1)
    void shippedFragmentsAnswerExactlyAsOneNodeAndRunWhereTheShardsAre() {
        Map<Integer, Integer> entities = entitiesPerNode();
        for (String sql : List.of(AGGREGATES, FILTER, TOP_N, GLOBAL, MAX_BY, MAX_BY_DECODED, PERCENTILES, DISTINCTS, ARRAY_AGG,
                COLLECTIONS)) {
            ShardFragmentRunner.Counts before = runner(QUERIER).counts();
            List<NodeFragmentHost.Counts> hostsBefore = hostCounts();

            assertSameRows(sql, query(CLUSTER.get(QUERIER), sql), query(single, sql));

            ShardFragmentRunner.Counts after = runner(QUERIER).counts();
            // a shard of node 1 none of whose series can match is answered there without a task
            long skipped = after.skipped() - before.skipped();
            assertThat(after.shipped() - before.shipped() + skipped).as("shards answered by their node: %s", sql)
                    .isEqualTo(SHARDS);
            assertThat(after.scanned() - before.scanned()).as("shards whose chunks node 1 read: %s", sql).isZero();
            List<NodeFragmentHost.Counts> hostsAfter = hostCounts();
            for (int node = 0; node < 3; node++) {
                long rebuilt = hostsAfter.get(node).rebuilt() - hostsBefore.get(node).rebuilt();
                long local = hostsAfter.get(node).local() - hostsBefore.get(node).local();
                int hosted = entities.getOrDefault(node, 0);
                assertThat(node == QUERIER ? local + skipped : rebuilt).as("fragments run by node %d hosting %d"
                        + " shards: %s", node, hosted, sql).isEqualTo(hosted);
                assertThat(node == QUERIER ? rebuilt : local).as("node %d: %s", node, sql).isZero();
            }
        }
        assertThat(entities.getOrDefault(QUERIER, 0)).as("shards on other nodes than the querying one: %s", entities)
                .isLessThan(SHARDS);
    }

    @Test
    @Order(2)
    void fragmentsThatCannotBeShippedFallBackToReadingChunks() {
        int remote = SHARDS - entitiesPerNode().getOrDefault(QUERIER, 0);
        String sql = SUBQUERY;
        ShardFragmentRunner.Counts before = runner(QUERIER).counts();
        long declinedBefore = hostCounts().stream().mapToLong(NodeFragmentHost.Counts::declined).sum();

        assertSameRows(sql, query(CLUSTER.get(QUERIER), sql), query(single, sql));

        ShardFragmentRunner.Counts after = runner(QUERIER).counts();
        long skipped = after.skipped() - before.skipped();
        long declined = hostCounts().stream().mapToLong(NodeFragmentHost.Counts::declined).sum() - declinedBefore;
        // two fragments; the shards on other nodes decline both, node 1's own shards run them
        assertThat(declined).as(sql).isEqualTo(2L * remote);
        assertThat(after.scanned() - before.scanned()).as(sql).isEqualTo(2L * remote);
        assertThat(after.shipped() - before.shipped() + skipped).as(sql).isEqualTo(2L * (SHARDS - remote));
    }

    @Test
    @Order(3)
    void aQueryRightAfterTheLossOfAShardsNodeStillAnswersExactly() {
        Map<String, Integer> hosts = entityHosts();
        int victim = hosts.values().stream().filter(node -> node != QUERIER).findFirst()
                .orElseThrow(() -> new AssertionError("every shard runs on the querying node: " + hosts));
        List<String> expected = rows(single, AGGREGATES);
        ShardFragmentRunner.Counts before = runner(QUERIER).counts();

        long crashed = System.nanoTime();
        CLUSTER.get(victim).system().terminate();
        // the query's attempt on the lost shard goes to the dead node, not to one still answering
        await(CLUSTER.get(victim).system().getWhenTerminated());

        assertThat(rows(CLUSTER.get(QUERIER), AGGREGATES)).isEqualTo(expected);
        long answered = System.nanoTime();
        assertThat(rows(CLUSTER.get(QUERIER), GLOBAL)).isEqualTo(rows(single, GLOBAL));
        // the lost shard's attempt failed when its node became unreachable, not at the first-read timeout
        ShardFragmentRunner.Counts after = runner(QUERIER).counts();
        assertThat(after.nodeLosses() - before.nodeLosses()).as("attempts failed by the node's loss").isPositive();
        assertThat(after.firstReadTimeouts() - before.firstReadTimeouts()).as("first-read timeouts").isZero();
        assertThat(after.retried() - before.retried()).as("retried shard tasks").isPositive();
        // a retry routed to the lost node's region (by a coordinator that had not yet seen its removal) is sent again
        System.out.printf("query over the lost node's shard answered %d ms after the crash (retries sent again: %d,"
                + " load %s)%n", (answered - crashed) / 1_000_000,
                after.retryReceiptTimeouts() - before.retryReceiptTimeouts(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static ShardFragmentRunner runner(int node) {
        return (ShardFragmentRunner) CLUSTER.get(node).fragments();
    }

    private static List<NodeFragmentHost.Counts> hostCounts() {
        return CLUSTER.stream().map(engine -> engine.fragmentHost().counts()).toList();
    }

    private static QueryResult query(Engine engine, String sql) {
        return await(engine.query(sql));
    }

    /** The rows {@code sql} answers on {@code engine}, typed (see {@link BatchRows#typedRows}). */
    private static List<String> rows(Engine engine, String sql) {
        return typedRows(query(engine, sql).rows());
    }

    private static void assertSameRows(String sql, QueryResult actual, QueryResult expected) {
        assertThat(expected.rows().rowCount()).as("rows of %s", sql).isPositive();
        assertThat(typedRows(actual.rows())).as(sql).isEqualTo(typedRows(expected.rows()));
    }

    private static Map<Integer, Integer> entitiesPerNode() {
        Map<Integer, Integer> perNode = new HashMap<>();
        entityHosts().values().forEach(node -> perNode.merge(node, 1, Integer::sum));
        return perNode;
    }

    /** Which node runs each shard entity of the table. */
    private static Map<String, Integer> entityHosts() {
        Map<String, Integer> hosts = EngineCluster.entityHosts(CLUSTER, table.tableId());
        assertThat(hosts).as("every shard entity runs somewhere").hasSize(SHARDS);
        return hosts;
    }
}
