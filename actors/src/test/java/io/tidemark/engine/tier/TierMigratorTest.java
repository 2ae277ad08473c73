package io.tidemark.engine.tier;

import static io.tidemark.engine.tier.TierTestData.chunk;
import static io.tidemark.engine.tier.TierTestData.expected;
import static io.tidemark.engine.tier.TierTestData.points;
import static io.tidemark.engine.tier.TierTestData.series;
import static io.tidemark.engine.tier.TierTestData.table;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.engine.ManualClock;
import io.tidemark.engine.catalog.TableDescription;
import io.tidemark.engine.catalog.TableStatus;
import io.tidemark.engine.metering.EngineMeters;
import io.tidemark.engine.tier.TierMigrator.MigrationSummary;
import io.tidemark.storage.chunk.SealedChunk;
import io.tidemark.storage.fileio.FileIo;
import io.tidemark.storage.magnetic.CompactionPolicy;
import io.tidemark.storage.model.SeriesKey;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TierMigratorTest {

    private static final Duration ANSWER = Duration.ofSeconds(10);
    /** The timer interval; the scheduler's time only moves when a test says so (ManualTime). */
    private static final Duration INTERVAL = Duration.ofMinutes(1);
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final SeriesKey A = series("a");
    private static final SeriesKey B = series("b");

    private static ActorTestKit testKit;
    private static ManualTime manualTime;

    @TempDir
    Path dataDir;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-25T12:00:00Z"));
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean failWrites = new AtomicBoolean();
    private final AtomicReference<List<TableDescription>> tables = new AtomicReference<>(List.of());
    private final EngineMeters meters = new EngineMeters();
    private final MigrationProgress progress = new MigrationProgress(clock.millis());
    private ListShardGateway gateway;
    private MagneticTier tier;
    private ActorRef<TierMigrator.Command> migrator;

    @BeforeAll
    static void startActorSystem() {
        testKit = ActorTestKit.create("TierMigratorTest", ManualTime.config());
        manualTime = ManualTime.get(testKit.system());
    }

    @AfterAll
    static void stopActorSystem() {
        testKit.shutdownTestKit();
    }

    @BeforeEach
    void start() {
        FileIo io = new FileIo() {
            @Override
            public FileChannel create(Path file) throws IOException {
                if (failWrites.get()) {
                    throw new IOException("disk full: file=" + file);
                }
                return FileIo.super.create(file);
            }

            @Override
            public void moveAtomically(Path from, Path to) throws IOException {
                FileIo.super.moveAtomically(from, to);
                events.add("segment " + to.getParent().getParent().getFileName() + "/" + to.getParent().getFileName());
            }
        };
        gateway = new ListShardGateway(events);
        tier = new MagneticTier(io, dataDir, clock, meters, CompactionPolicy.DEFAULT);
        migrator = testKit.spawn(TierMigrator.create(gateway, tier, tables::get, clock,
                new TierSettings(INTERVAL, Duration.ofHours(1), Duration.ZERO, CompactionPolicy.DEFAULT), progress));
    }

    @AfterEach
    void stop() {
        testKit.stop(migrator);
        tier.close();
    }

    private MigrationSummary runNow() {
        TestProbe<MigrationSummary> probe = testKit.createTestProbe();
        migrator.tell(new TierMigrator.RunNow(probe.getRef()));
        return probe.receiveMessage(ANSWER);
    }

    @Test
    void frozenDataPastTheMemoryRetentionLandsInSegmentsAndIsCommittedAfterTheWrite() {
        tables.set(List.of(table("t1", 2, 30, 2)));
        SealedChunk old = chunk("2026-11-25T08:00:00Z", "2026-11-25T09:00:00Z", MINUTE);
        SealedChunk acrossMidnight = chunk("2026-11-24T23:30:00Z", "2026-11-25T00:30:00Z", MINUTE);
        SealedChunk recent = chunk("2026-11-25T10:30:00Z", "2026-11-25T11:00:00Z", MINUTE);
        gateway.add("t1", 0, A, old);
        gateway.add("t1", 0, A, recent);
        gateway.add("t1", 1, B, acrossMidnight);

        MigrationSummary summary = runNow();

        assertThat(summary).isEqualTo(new MigrationSummary(2, 0, 2, 120, 3));
        assertThat(events).containsExactly(
                "freeze t1/0 chunks=1", "segment t1/20261125", "commit t1/0 chunks=1",
                "freeze t1/1 chunks=1", "segment t1/20261124", "segment t1/20261125", "commit t1/1 chunks=1");
        assertThat(gateway.held("t1", 0)).containsExactly(recent);
        assertThat(gateway.held("t1", 1)).isEmpty();
        assertThat(points(tier.read("t1", A, Long.MIN_VALUE, Long.MAX_VALUE)))
                .isEqualTo(expected(List.of(old), Long.MIN_VALUE, Long.MAX_VALUE));
        assertThat(points(tier.read("t1", B, Long.MIN_VALUE, Long.MAX_VALUE)))
                .isEqualTo(expected(List.of(acrossMidnight), Long.MIN_VALUE, Long.MAX_VALUE));
        assertThat(meters.table("t1").usage().magneticStorePoints()).isEqualTo(120);
    }

    @Test
    void dataBecomesDueAsTheClockAdvances() {
        tables.set(List.of(table("t1", 2, 30, 1)));
        SealedChunk recent = chunk("2026-11-25T10:30:00Z", "2026-11-25T11:00:00Z", MINUTE);
        gateway.add("t1", 0, A, recent);

        assertThat(runNow()).isEqualTo(new MigrationSummary(1, 0, 0, 0, 0));
        assertThat(gateway.held("t1", 0)).containsExactly(recent);

        clock.advance(Duration.ofHours(1));
        assertThat(runNow()).isEqualTo(new MigrationSummary(1, 0, 1, 30, 1));
        assertThat(gateway.held("t1", 0)).isEmpty();
    }

    @Test
    void failedWriteCommitsNothingAndTheNextRunRetries() {
        tables.set(List.of(table("t1", 2, 30, 1)));
        SealedChunk old = chunk("2026-11-25T08:00:00Z", "2026-11-25T09:00:00Z", MINUTE);
        gateway.add("t1", 0, A, old);
        failWrites.set(true);

        assertThat(runNow()).isEqualTo(new MigrationSummary(0, 1, 0, 0, 0));
        assertThat(events).containsExactly("freeze t1/0 chunks=1");
        assertThat(gateway.held("t1", 0)).containsExactly(old);
        assertThat(tier.read("t1", A, Long.MIN_VALUE, Long.MAX_VALUE)).isEmpty();
        clock.advance(Duration.ofMinutes(10));
        assertThat(progress.failedShards()).isEqualTo(1);
        assertThat(progress.lagMillis("t1", 1, clock.millis())).isEqualTo(Duration.ofMinutes(10).toMillis());

        failWrites.set(false);
        assertThat(runNow()).isEqualTo(new MigrationSummary(1, 0, 1, 60, 1));
        assertThat(progress.lagMillis("t1", 1, clock.millis())).isZero();
        assertThat(progress.migratedPoints()).isEqualTo(60);
        assertThat(events).containsExactly("freeze t1/0 chunks=1",
                "freeze t1/0 chunks=1", "segment t1/20261125", "commit t1/0 chunks=1");
        assertThat(gateway.held("t1", 0)).isEmpty();
        assertThat(points(tier.read("t1", A, Long.MIN_VALUE, Long.MAX_VALUE))).hasSize(60);
    }

    @Test
    void onlyActiveTablesAreMigratedAndAFailingTableDoesNotStopTheOthers() {
        TableDescription deleting = table("gone", 1, 30, 1);
        deleting = new TableDescription(deleting.databaseName(), deleting.tableName(), deleting.tableId(), deleting.arn(),
                TableStatus.DELETING, deleting.retention(), deleting.magneticStoreWrites(), deleting.partitionKeys(),
                deleting.shardCount(), 0, deleting.creationTime(), deleting.lastUpdatedTime());
        tables.set(List.of(deleting, table("bad/id", 1, 30, 1), table("t2", 1, 30, 1)));
        gateway.add("gone", 0, A, chunk("2026-11-25T08:00:00Z", "2026-11-25T09:00:00Z", MINUTE));
        gateway.add("bad/id", 0, A, chunk("2026-11-25T08:00:00Z", "2026-11-25T09:00:00Z", MINUTE));
        gateway.add("t2", 0, A, chunk("2026-11-25T08:00:00Z", "2026-11-25T09:00:00Z", MINUTE));

        MigrationSummary summary = runNow();

        assertThat(summary).isEqualTo(new MigrationSummary(1, 1, 1, 60, 1));
        assertThat(events).doesNotContain("freeze gone/0 chunks=1");
        assertThat(gateway.held("bad/id", 0)).hasSize(1);
        assertThat(gateway.held("t2", 0)).isEmpty();
    }

    @Test
    void requestsArrivingDuringARunAreAnsweredByTheNextRun() {
        tables.set(List.of(table("t1", 2, 30, 1)));
        gateway.add("t1", 0, A, chunk("2026-11-25T08:00:00Z", "2026-11-25T09:00:00Z", MINUTE));
        TestProbe<MigrationSummary> first = testKit.createTestProbe();
        TestProbe<MigrationSummary> second = testKit.createTestProbe();

        migrator.tell(new TierMigrator.RunNow(first.getRef()));
        migrator.tell(new TierMigrator.RunNow(second.getRef()));

        assertThat(first.receiveMessage(ANSWER).chunks()).isEqualTo(1);
        assertThat(second.receiveMessage(ANSWER).failedShards()).isZero();
        assertThat(events).filteredOn(e -> e.startsWith("commit")).hasSize(2);
    }

    @Test
    void theTimerRunsAPassEveryInterval() {
        tables.set(List.of(table("t1", 2, 30, 1)));
        runNow(); // the actor has started and its timer is set
        gateway.add("t1", 0, A, chunk("2026-11-25T08:00:00Z", "2026-11-25T09:00:00Z", MINUTE));

        manualTime.timePasses(INTERVAL);

        testKit.createTestProbe().awaitAssert(ANSWER, () -> {
            assertThat(gateway.held("t1", 0)).isEmpty();
            return null;
        });
        assertThat(points(tier.read("t1", A, Long.MIN_VALUE, Long.MAX_VALUE))).hasSize(60);
    }
}
