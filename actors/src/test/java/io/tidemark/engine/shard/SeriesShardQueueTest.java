package io.tidemark.engine.shard;

import static io.tidemark.engine.shard.TestRows.TABLE;
import static io.tidemark.engine.shard.TestRows.points;
import static io.tidemark.engine.shard.TestRows.series;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.engine.EngineException;
import io.tidemark.engine.ErrorKind;
import io.tidemark.engine.ManualClock;
import io.tidemark.engine.metering.EngineMeters;
import io.tidemark.engine.shard.TestRows.Doubles;
import io.tidemark.engine.tier.MagneticReader;
import io.tidemark.storage.fileio.FileIo;
import io.tidemark.storage.journal.FsyncPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import net.openhft.chronicle.queue.RollCycles;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shard actor spawned directly (no sharding), so the test controls exactly what is in its
 * mailbox: the pending-write bound, group commit and journal failures.
 */
class SeriesShardQueueTest {

    private static ActorTestKit testKit;

    @TempDir
    Path dataDir;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-25T10:00:00Z"));

    @BeforeAll
    static void startSystem() {
        testKit = ActorTestKit.create("shard-queue-test");
    }

    @AfterAll
    static void stopSystem() {
        testKit.shutdownTestKit();
    }

    private ActorRef<SeriesShard.Command> spawn(MagneticReader magnetic, int maxPendingWrites) {
        ShardSettings settings = new ShardSettings(FsyncPolicy.perBatch(), RollCycles.FAST_DAILY, 720,
                Duration.ofHours(2), maxPendingWrites, Duration.ofSeconds(10));
        ShardEnvironment env = new ShardEnvironment(dataDir, clock, magnetic, new EngineMeters(), settings,
                FileIo.DEFAULT);
        return testKit.spawn(SeriesShard.create(SeriesShard.entityId(TABLE, 0), null, env));
    }

    private final CountDownLatch checking = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    /** The first duplicate check of a new series asks magnetic: this holds the shard there until released. */
    private final MagneticReader held = (table, key, from, to) -> {
        checking.countDown();
        try {
            release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return List.of();
    };

    @Test
    void writesBeyondThePendingBoundAreRefusedWithThrottling() throws InterruptedException {
        ActorRef<SeriesShard.Command> shard = spawn(held, 2);
        List<TestProbe<StatusReply<ShardWriteResult>>> probes = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            probes.add(testKit.createTestProbe());
        }
        shard.tell(new SeriesShard.Write(new Doubles().add("h0", 1, 1, 1.0).build(), probes.get(0).ref()));
        assertThat(checking.await(30, TimeUnit.SECONDS)).isTrue();
        // a local tell enqueues at once: these five wait in the mailbox behind the held write
        for (int i = 1; i < 6; i++) {
            shard.tell(new SeriesShard.Write(new Doubles().add("h" + i, 1, 1, i).build(), probes.get(i).ref()));
        }
        release.countDown();

        for (int i = 0; i < 3; i++) {
            assertThat(probes.get(i).receiveMessage(Duration.ofSeconds(30)).isSuccess()).as("write " + i).isTrue();
        }
        for (int i = 3; i < 6; i++) {
            StatusReply<ShardWriteResult> refused = probes.get(i).receiveMessage(Duration.ofSeconds(30));
            assertThat(refused.isError()).as("write " + i).isTrue();
            EngineException e = (EngineException) refused.getError();
            assertThat(e.kind()).isEqualTo(ErrorKind.THROTTLING);
            assertThat(e.getMessage()).contains("shard busy", "pendingWrites=2");
        }
        TestProbe<StatusReply<ScannedChunks>> scan = testKit.createTestProbe();
        shard.tell(new SeriesShard.Scan(Long.MIN_VALUE, Long.MAX_VALUE, scan.ref()));
        assertThat(scan.receiveMessage(Duration.ofSeconds(30)).getValue().series()).extracting(SeriesChunks::series)
                .containsExactlyInAnyOrder(series("h0"), series("h1"), series("h2"));
    }

    @Test
    void queuedWritesAreCommittedAsOneRunAndEachSeesTheRowsBeforeIt() throws InterruptedException {
        ActorRef<SeriesShard.Command> shard = spawn(held, 64);
        List<TestProbe<StatusReply<ShardWriteResult>>> probes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            probes.add(testKit.createTestProbe());
        }
        shard.tell(new SeriesShard.Write(new Doubles().add("a", 1, 1, 1.0).build(), probes.get(0).ref()));
        assertThat(checking.await(30, TimeUnit.SECONDS)).isTrue();
        shard.tell(new SeriesShard.Write(new Doubles().add("b", 1, 1, 1.0).build(), probes.get(1).ref()));
        shard.tell(new SeriesShard.Write(new Doubles().add("b", 1, 1, 2.0).build(), probes.get(2).ref()));
        shard.tell(new SeriesShard.Write(new Doubles().add("b", 1, 2, 3.0).build(), probes.get(3).ref()));
        release.countDown();

        assertThat(probes.get(0).receiveMessage(Duration.ofSeconds(30)).getValue().rejections()).isEmpty();
        assertThat(probes.get(1).receiveMessage(Duration.ofSeconds(30)).getValue().rejections()).isEmpty();
        assertThat(probes.get(2).receiveMessage(Duration.ofSeconds(30)).getValue().rejections())
                .containsExactly(new RowRejection(0, 1, false));
        assertThat(probes.get(3).receiveMessage(Duration.ofSeconds(30)).getValue().rejections()).isEmpty();
        TestProbe<StatusReply<ScannedChunks>> scan = testKit.createTestProbe();
        shard.tell(new SeriesShard.Scan(Long.MIN_VALUE, Long.MAX_VALUE, scan.ref()));
        assertThat(points(scan.receiveMessage(Duration.ofSeconds(30)).getValue().series(), series("b")))
                .containsExactly(Map.entry(1L, "v2 measure_value::double=3.0"));
    }

    @Test
    void aJournalFailureAnswersInternalAppliesNothingAndTheShardRecovers() {
        ActorRef<SeriesShard.Command> shard = spawn((table, key, from, to) -> List.of(), 64);
        TestProbe<StatusReply<ShardWriteResult>> writes = testKit.createTestProbe();
        shard.tell(new SeriesShard.Write(new Doubles().add("a", 1, 1, 1.0).build(), writes.ref()));
        assertThat(writes.receiveMessage(Duration.ofSeconds(30)).isSuccess()).isTrue();

        // the journal's append reads the time first (to pick its cycle file): make that fail
        clock.failNextRead();
        shard.tell(new SeriesShard.Write(new Doubles().add("a", 2, 1, 2.0).build(), writes.ref()));
        StatusReply<ShardWriteResult> failed = writes.receiveMessage(Duration.ofSeconds(30));
        assertThat(failed.isError()).isTrue();
        EngineException e = (EngineException) failed.getError();
        assertThat(e.kind()).isEqualTo(ErrorKind.INTERNAL);
        assertThat(e.getMessage()).contains("cannot journal write", "table=" + TABLE, "shard=0", "clock failure");

        // the shard restarts, replays its journal and serves again: the failed row is nowhere
        TestProbe<StatusReply<ScannedChunks>> scan = testKit.createTestProbe();
        shard.tell(new SeriesShard.Scan(Long.MIN_VALUE, Long.MAX_VALUE, scan.ref()));
        assertThat(points(scan.receiveMessage(Duration.ofSeconds(30)).getValue().series(), series("a"))).containsOnlyKeys(1L);
        shard.tell(new SeriesShard.Write(new Doubles().add("a", 2, 1, 2.5).build(), writes.ref()));
        assertThat(writes.receiveMessage(Duration.ofSeconds(30)).getValue().rejections()).isEmpty();
        shard.tell(new SeriesShard.Scan(Long.MIN_VALUE, Long.MAX_VALUE, scan.ref()));
        assertThat(points(scan.receiveMessage(Duration.ofSeconds(30)).getValue().series(), series("a")))
                .containsEntry(2L, "v1 measure_value::double=2.5");
    }
}
