package io.tidemark.engine;

import static io.tidemark.engine.query.QueryTestEngine.DB;
import static io.tidemark.engine.query.QueryTestEngine.await;
import static io.tidemark.engine.testing.BatchRows.typedRows;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.engine.catalog.MagneticStoreWriteProperties;
import io.tidemark.engine.catalog.RetentionProperties;
import io.tidemark.engine.catalog.TableDescription;
import io.tidemark.engine.query.fragment.ShardFragmentRunner;
import io.tidemark.engine.query.fragment.remote.AnswerHolder;
import io.tidemark.engine.shard.SeriesShard;
import io.tidemark.engine.testing.BatchRows;
import io.tidemark.engine.testing.EngineCluster;
import io.tidemark.engine.testing.LoopbackCluster;
import io.tidemark.engine.write.IngestBatch;
import io.tidemark.engine.write.WriteOutcome;
import io.tidemark.storage.model.Dimension;
import io.tidemark.storage.model.MeasureType;
import io.tidemark.storage.model.SeriesKey;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
 * Messages larger than a remoting frame, between three engines of one cluster on loopback (real
 * remoting and Kryo, replication factor 2) whose frames are lowered (ordinary 32 KiB, large
 * 256 KiB), next to a single-node engine holding the same rows. One write puts about 0.8 MB of
 * rows, several large frames, into one shard, through a node other than the one hosting it: it
 * is sent in parts, every row is acknowledged, and every node reads all of them back; reading them
 * all ({@code SELECT *}) from another node runs the fragment on the shard's node, which sends its
 * output (several ordinary frames) in parts that the querying node fetches, no chunk crossing, and
 * nothing stays held afterwards. Writing the same rows again stores nothing twice. Last, the
 * shard's node crashes, and the survivors read every row from the replica's copy.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LargeMessagesClusterTest {

    private static final int SHARDS = 3;
    private static final int ROWS = 12_000;
    private static final ManualClock CLOCK = new ManualClock(Instant.parse("2026-05-01T12:00:00Z"));
    private static final SeriesKey SERIES = SeriesKey.of(List.of(new Dimension("hostname", "h0")), "cpu");
    private static final String ALL = "SELECT hostname, time, usage, note FROM " + DB + ".big ORDER BY time";
    private static final String GLOBAL = "SELECT count(*), sum(usage), min(time), max(time), max(note) FROM " + DB
            + ".big";

    @TempDir
    static Path root;

    private static final List<Engine> CLUSTER = new ArrayList<>();
    private static Engine single;
    private static TableDescription table;
    /** The node hosting the shard the rows go to. */
    private static int owner;

    /** Frames of 32 KiB and large frames of 256 KiB, so that a few thousand rows take many of them. */
    private static Map<String, Object> settings() {
        Map<String, Object> settings = EngineCluster.quietTiers(SHARDS);
        settings.put("pekko.remote.artery.advanced.maximum-frame-size", "32KiB");
        settings.put("pekko.remote.artery.advanced.maximum-large-frame-size", "256KiB");
        return settings;
    }

    @BeforeAll
    static void start() throws IOException {
        CLUSTER.addAll(EngineCluster.start(3, root, EngineCluster.withCrashes(settings()), CLOCK));
        single = Engine.start(Engine.singleNodeConfig(root.resolve("single"), settings()), CLOCK);
        for (Engine engine : List.of(CLUSTER.get(0), single)) {
            await(engine.catalog().createDatabase(DB, null, List.of()));
            TableDescription created = await(engine.catalog().createTable(DB, "big", RetentionProperties.DEFAULT,
                    MagneticStoreWriteProperties.DISABLED, null, List.of()));
            if (engine != single) {
                table = created;
            }
        }
        LoopbackCluster.awaitUntil(LoopbackCluster.MEMBERSHIP_DEADLINE, "every node's catalog view has the table",
                () -> CLUSTER.stream().allMatch(engine -> engine.catalog().table(DB, "big").isPresent()));
        // the first row alone starts the shard's entity, so the large write can go through another node
        assertThat(await(CLUSTER.get(0).write(batch(CLUSTER.get(0), 1))).ingested().total()).isEqualTo(1);
        owner = EngineCluster.entityHosts(CLUSTER, table.tableId())
                .get(SeriesShard.entityId(table.tableId(), SERIES.shard(SHARDS)));
        assertThat(await(single.write(batch(single, ROWS))).rejected()).isEmpty();
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

    /** The first {@code rows} points of one series, 100 ms apart, each with a 45-50 character note. */
    private static IngestBatch batch(Engine engine, int rows) {
        IngestBatch batch = engine.newBatch(DB, "big", rows);
        int series = batch.series(SERIES, MeasureType.MULTI);
        int usage = batch.column("usage", MeasureType.DOUBLE);
        int note = batch.column("note", MeasureType.VARCHAR);
        long start = CLOCK.millis() - Duration.ofHours(2).toMillis();
        for (int i = 0; i < rows; i++) {
            assertThat(batch.addRow(series, (start + i * 100L) * 1_000_000L, 1, i)).isTrue();
            batch.setDouble(usage, i * 0.5);
            batch.setString(note, "note-" + "x".repeat(40) + i);
        }
        return batch;
    }

    private static int other(int node) {
        return (node + 1) % 3;
    }

    @Test
    @Order(1)
    void aWriteOfSeveralFramesThroughAnotherNodeIsAcknowledgedAndEveryNodeReadsItShipped() {
        WriteOutcome outcome = await(CLUSTER.get(other(owner)).write(batch(CLUSTER.get(other(owner)), ROWS)));

        assertThat(outcome.rejected()).isEmpty();
        assertThat(outcome.ingested().total()).isEqualTo(ROWS);
        List<String> expected = rows(single, ALL);
        assertThat(expected).hasSize(ROWS);
        for (int node = 0; node < 3; node++) {
            ShardFragmentRunner.Counts before = runner(node).counts();
            AnswerHolder.Counts held = holder(owner).counts();

            assertThat(rows(CLUSTER.get(node), ALL)).as("node %d", node).isEqualTo(expected);

            ShardFragmentRunner.Counts after = runner(node).counts();
            // a shard on the querying node that holds none of the wanted series is skipped, not asked
            assertThat(after.shipped() - before.shipped() + after.skipped() - before.skipped())
                    .as("shards answered by their node or skipped, node %d", node).isEqualTo(SHARDS);
            assertThat(after.scanned() - before.scanned()).as("shards whose chunks node %d read", node).isZero();
            AnswerHolder.Counts heldAfter = holder(owner).counts();
            if (node != owner) {
                assertThat(heldAfter.answersInParts() - held.answersInParts()).as("node %d", node).isEqualTo(1);
                assertThat(heldAfter.partsSent() - held.partsSent()).as("parts, node %d", node).isGreaterThan(10);
            }
            assertThat(List.of(heldAfter.held(), heldAfter.heldBytes())).as("held after node %d's query", node)
                    .containsExactly(0L, 0L);
            assertThat(rows(CLUSTER.get(node), GLOBAL)).isEqualTo(rows(single, GLOBAL));
        }
    }

    @Test
    @Order(2)
    void theSameWriteAgainStoresNothingTwice() {
        int through = other(other(owner));

        WriteOutcome outcome = await(CLUSTER.get(through).write(batch(CLUSTER.get(through), ROWS)));

        assertThat(outcome.rejected()).isEmpty();
        assertThat(outcome.ingested().total()).isEqualTo(ROWS);
        assertThat(rows(CLUSTER.get(other(owner)), GLOBAL)).isEqualTo(rows(single, GLOBAL));
    }

    @Test
    @Order(3)
    void afterTheShardsNodeIsLostTheSurvivorsReadEveryRowFromTheReplica() {
        List<String> expected = rows(single, ALL);

        CLUSTER.get(owner).system().terminate();

        for (int node = 0; node < 3; node++) {
            if (node != owner) {
                assertThat(rows(CLUSTER.get(node), ALL)).as("node %d", node).isEqualTo(expected);
            }
        }
    }

    private static ShardFragmentRunner runner(int node) {
        return (ShardFragmentRunner) CLUSTER.get(node).fragments();
    }

    private static AnswerHolder holder(int node) {
        return CLUSTER.get(node).fragmentHost().answers();
    }

    /** The rows {@code sql} answers on {@code engine}, typed (see {@link BatchRows#typedRows}). */
    private static List<String> rows(Engine engine, String sql) {
        return typedRows(await(engine.query(sql)).rows());
    }
}
