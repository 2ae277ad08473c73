package io.tidemark.engine.tier;

import static io.tidemark.engine.tier.TierTestData.chunk;
import static io.tidemark.engine.tier.TierTestData.expected;
import static io.tidemark.engine.tier.TierTestData.nanos;
import static io.tidemark.engine.tier.TierTestData.points;
import static io.tidemark.engine.tier.TierTestData.series;
import static io.tidemark.engine.tier.TierTestData.table;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.engine.ManualClock;
import io.tidemark.engine.catalog.TableDescription;
import io.tidemark.engine.metering.EngineMeters;
import io.tidemark.engine.shard.SeriesChunks;
import io.tidemark.engine.tier.RetentionJanitor.RetentionSummary;
import io.tidemark.storage.chunk.SealedChunk;
import io.tidemark.storage.fileio.FileIo;
import io.tidemark.storage.magnetic.CompactionPolicy;
import io.tidemark.storage.magnetic.MagneticLayout;
import io.tidemark.storage.model.SeriesKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
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

class RetentionJanitorTest {

    private static final Duration ANSWER = Duration.ofSeconds(10);
    /** The timer interval; the scheduler's time only moves when a test says so (ManualTime). */
    private static final Duration INTERVAL = Duration.ofMinutes(10);
    private static final Duration FIRST_DELAY = Duration.ofMinutes(1);
    private static final Duration HOUR = Duration.ofHours(1);
    private static final SeriesKey A = series("a");
    private static final String TABLE = "t1";

    private static ActorTestKit testKit;
    private static ManualTime manualTime;

    @TempDir
    Path dataDir;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-24T01:00:00Z"));
    private final AtomicReference<List<TableDescription>> tables = new AtomicReference<>(List.of());
    private final EngineMeters meters = new EngineMeters();
    private MagneticTier tier;
    private ActorRef<RetentionJanitor.Command> janitor;

    @BeforeAll
    static void startActorSystem() {
        testKit = ActorTestKit.create("RetentionJanitorTest", ManualTime.config());
        manualTime = ManualTime.get(testKit.system());
    }

    @AfterAll
    static void stopActorSystem() {
        testKit.shutdownTestKit();
    }

    @BeforeEach
    void start() {
        tier = new MagneticTier(FileIo.DEFAULT, dataDir, clock, meters, CompactionPolicy.DEFAULT);
        janitor = testKit.spawn(RetentionJanitor.create(tier, tables::get, clock,
                new TierSettings(Duration.ofMinutes(1), INTERVAL, FIRST_DELAY, CompactionPolicy.DEFAULT)));
    }

    @AfterEach
    void stop() {
        testKit.stop(janitor);
        tier.close();
    }

    private RetentionSummary runNow() {
        TestProbe<RetentionSummary> probe = testKit.createTestProbe();
        janitor.tell(new RetentionJanitor.RunNow(probe.getRef()));
        return probe.receiveMessage(ANSWER);
    }

    /** One point an hour over whole days, each day written as its own segment. */
    private List<SealedChunk> writeDays(int firstDay, int lastDay) throws IOException {
        List<SealedChunk> chunks = new ArrayList<>();
        for (int day = firstDay; day <= lastDay; day++) {
            SealedChunk chunk = chunk("2026-11-" + day + "T00:00:00Z", "2026-11-" + (day + 1) + "T00:00:00Z", HOUR);
            chunks.add(chunk);
            tier.write(TABLE, List.of(new SeriesChunks(A, List.of(chunk))));
        }
        return chunks;
    }

    private List<String> segmentDays() throws IOException {
        try (Stream<Path> files = Files.walk(new MagneticLayout(dataDir, TABLE).tableDir())) {
            return files.filter(f -> f.toString().endsWith(MagneticLayout.SEGMENT_SUFFIX))
                    .map(f -> f.getParent().getFileName().toString()).sorted().toList();
        }
    }

    private void assertHoldsExactlyFrom(List<SealedChunk> written, String expiry) {
        assertThat(points(tier.read(TABLE, A, Long.MIN_VALUE, Long.MAX_VALUE)))
                .isEqualTo(expected(written, nanos(expiry), Long.MAX_VALUE));
    }

    @Test
    void advancingTheClockDeletesWholeSegmentsThenRewritesTheStraddlingOne() throws IOException {
        tables.set(List.of(table(TABLE, 1, 1, 1)));
        List<SealedChunk> written = writeDays(22, 24);

        // expiry = 2026-11-24T01:00 - 25 h = 2026-11-23T00:00: day 22 has expired, day 23 starts at it
        assertThat(runNow()).isEqualTo(new RetentionSummary(1, 0, 1, 0, 0));
        assertThat(segmentDays()).containsExactly("20261123", "20261124");
        assertHoldsExactlyFrom(written, "2026-11-23T00:00:00Z");

        clock.advance(Duration.ofMinutes(390));
        assertThat(runNow()).isEqualTo(new RetentionSummary(1, 0, 0, 1, 0));
        assertThat(segmentDays()).containsExactly("20261123", "20261124");
        assertHoldsExactlyFrom(written, "2026-11-23T06:30:00Z");
        assertThat(meters.table(TABLE).usage().magneticStorePoints()).isEqualTo(17 + 24);

        clock.set(Instant.parse("2026-11-26T01:00:00Z"));
        assertThat(runNow()).isEqualTo(new RetentionSummary(1, 0, 2, 0, 0));
        assertThat(segmentDays()).isEmpty();
        assertThat(tier.read(TABLE, A, Long.MIN_VALUE, Long.MAX_VALUE)).isEmpty();
        assertThat(meters.table(TABLE).usage().magneticStorePoints()).isZero();
        assertThat(meters.table(TABLE).usage().magneticStoreBytes()).isZero();
    }

    @Test
    void aRetentionChangeTakesEffectAtTheNextRun() throws IOException {
        tables.set(List.of(table(TABLE, 1, 4, 1)));
        List<SealedChunk> written = writeDays(19, 23);

        // expiry = 2026-11-24T01:00 - 4 d 1 h = 2026-11-20T00:00
        assertThat(runNow()).isEqualTo(new RetentionSummary(1, 0, 1, 0, 0));
        assertHoldsExactlyFrom(written, "2026-11-20T00:00:00Z");

        tables.set(List.of(table(TABLE, 3, 2, 1)));
        // expiry = 2026-11-24T01:00 - 2 d 3 h = 2026-11-21T22:00
        assertThat(runNow()).isEqualTo(new RetentionSummary(1, 0, 1, 1, 0));
        assertThat(segmentDays()).containsExactly("20261121", "20261122", "20261123");
        assertHoldsExactlyFrom(written, "2026-11-21T22:00:00Z");
    }

    @Test
    void smallSegmentsOfAPartitionAreCompacted() throws IOException {
        tables.set(List.of(table(TABLE, 1, 30, 1)));
        List<SealedChunk> written = new ArrayList<>();
        for (int hour = 10; hour < 13; hour++) {
            SealedChunk chunk = chunk("2026-11-23T" + hour + ":00:00Z", "2026-11-23T" + hour + ":30:00Z",
                    Duration.ofMinutes(1));
            written.add(chunk);
            tier.write(TABLE, List.of(new SeriesChunks(A, List.of(chunk))));
        }

        assertThat(runNow()).isEqualTo(new RetentionSummary(1, 0, 0, 0, 1));
        assertThat(segmentDays()).containsExactly("20261123");
        assertThat(points(tier.read(TABLE, A, Long.MIN_VALUE, Long.MAX_VALUE)))
                .isEqualTo(expected(written, Long.MIN_VALUE, Long.MAX_VALUE));
        assertThat(meters.table(TABLE).usage().magneticStorePoints()).isEqualTo(90);
    }

    @Test
    void aTableWithoutMagneticDataIsSkippedAndAFailingTableDoesNotStopTheOthers() throws IOException {
        tables.set(List.of(table("empty", 1, 1, 1), table("bad/id", 1, 1, 1), table(TABLE, 1, 1, 1)));
        writeDays(22, 22);

        assertThat(runNow()).isEqualTo(new RetentionSummary(2, 1, 1, 0, 0));
        assertThat(dataDir.resolve("magnetic").resolve("empty")).doesNotExist();
    }

    @Test
    void theTimerRunsAPassAfterTheFirstDelayThenEveryInterval() throws IOException {
        tables.set(List.of(table(TABLE, 1, 1, 1)));
        writeDays(22, 22);

        manualTime.timePasses(FIRST_DELAY);

        testKit.createTestProbe().awaitAssert(ANSWER, () -> {
            assertThat(tier.read(TABLE, A, Long.MIN_VALUE, Long.MAX_VALUE)).isEmpty();
            return null;
        });
        runNow(); // the first timer pass is over
        writeDays(22, 22);

        manualTime.timePasses(INTERVAL);

        testKit.createTestProbe().awaitAssert(ANSWER, () -> {
            assertThat(tier.read(TABLE, A, Long.MIN_VALUE, Long.MAX_VALUE)).isEmpty();
            return null;
        });
    }
}
