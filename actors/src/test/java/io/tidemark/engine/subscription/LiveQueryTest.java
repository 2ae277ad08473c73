package io.tidemark.engine.subscription;

import static io.tidemark.engine.testing.BatchRows.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.engine.Engine;
import io.tidemark.engine.ErrorKind;
import io.tidemark.engine.ManualClock;
import io.tidemark.engine.catalog.MagneticStoreWriteProperties;
import io.tidemark.engine.catalog.RetentionProperties;
import io.tidemark.engine.query.QueryService.QueryResult;
import io.tidemark.engine.subscription.SubscriptionEvent.Closing;
import io.tidemark.engine.subscription.SubscriptionEvent.Failed;
import io.tidemark.engine.subscription.SubscriptionEvent.Snapshot;
import io.tidemark.engine.subscription.SubscriptionEvent.Update;
import io.tidemark.engine.write.IngestBatch;
import io.tidemark.storage.model.Dimension;
import io.tidemark.storage.model.MeasureType;
import io.tidemark.storage.model.SeriesKey;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live queries over a real engine (one per class), with a recording evaluator in front of
 * {@link Engine#query} so the tests see how many evaluations ran and which SQL they ran. Writes go
 * through {@link Engine#write} and are announced to the service under test as the engine announces
 * them to its own. Time is the engine's manual clock; {@code min-interval} is 0, so every write is
 * evaluated as soon as the previous evaluation is done.
 */
class LiveQueryTest {

    static final String DB = "live";
    static final Duration WAIT = Duration.ofSeconds(20);
    static final long MINUTE_NANOS = 60_000_000_000L;

    @TempDir
    static Path dataDir;

    static final ManualClock clock = new ManualClock(Instant.parse("2026-03-10T12:00:00Z"));
    static Engine engine;
    static ActorTestKit testKit;

    final List<String> evaluated = new CopyOnWriteArrayList<>();
    SubscriptionService service;

    @BeforeAll
    static void startEngine() {
        engine = Engine.start(Engine.singleNodeConfig(dataDir, Map.of("tidemark.engine.catalog.shards-per-table", 1,
                "tidemark.engine.tier.migration-interval", "1h", "tidemark.engine.tier.retention-interval", "1h")),
                clock);
        testKit = ActorTestKit.create(engine.system());
        engine.catalog().createDatabase(DB, null, List.of()).toCompletableFuture().join();
    }

    @AfterAll
    static void stopEngine() {
        engine.close();
    }

    @BeforeEach
    void startService() {
        service = serviceWith(new SubscriptionSettings(Duration.ZERO, Duration.ofHours(1), 1000, 3));
    }

    SubscriptionService serviceWith(SubscriptionSettings settings) {
        return SubscriptionService.start(engine.system(), this::evaluate, settings, clock);
    }

    CompletionStage<QueryResult> evaluate(String sql) {
        evaluated.add(sql);
        return engine.query(sql);
    }

    static void createTable(String table) {
        engine.catalog().createTable(DB, table, RetentionProperties.DEFAULT,
                new MagneticStoreWriteProperties(false, null), null, List.of()).toCompletableFuture().join();
    }

    /** Writes one cpu point per (host, minute offset from the clock's hour) and announces the write. */
    void write(String table, String host, long minuteOfHour, double value) {
        IngestBatch batch = engine.newBatch(DB, table);
        int column = batch.column(MeasureType.DOUBLE.valueColumnName(), MeasureType.DOUBLE);
        int series = batch.series(SeriesKey.of(List.of(new Dimension("hostname", host)), "cpu"), MeasureType.DOUBLE);
        long timeNanos = hourStartNanos() + minuteOfHour * MINUTE_NANOS + 30_000_000_000L;
        batch.addRow(series, timeNanos, 1, 0);
        batch.setDouble(column, value);
        assertThat(engine.write(batch).toCompletableFuture().join().ingested().total()).isEqualTo(1);
        service.tableWritten(new TableWritten(DB, table, timeNanos, timeNanos));
    }

    static long hourStartNanos() {
        return Instant.parse("2026-03-10T11:00:00Z").toEpochMilli() * 1_000_000L;
    }

    static <T extends SubscriptionEvent> T expect(TestProbe<SubscriptionEvent> probe, Class<T> type) {
        return probe.expectMessageClass(type, WAIT);
    }

    static long bin(long minuteOfHour) {
        return hourStartNanos() + minuteOfHour * MINUTE_NANOS;
    }

    @Test
    void subscribersOfTheSameQueryShareOneEvaluation() {
        createTable("shared");
        write("shared", "a", 1, 10);
        TestProbe<SubscriptionEvent> first = testKit.createTestProbe();
        TestProbe<SubscriptionEvent> second = testKit.createTestProbe();

        service.subscribe("SELECT hostname, max(measure_value::double) AS top FROM live.shared GROUP BY hostname",
                first.getRef());
        service.subscribe("select hostname,   MAX(measure_value::double) as top\nfrom live.shared group by hostname",
                second.getRef());

        assertThat(rows(expect(first, Snapshot.class).rows())).containsExactly(List.of("a", 10.0));
        assertThat(rows(expect(second, Snapshot.class).rows())).containsExactly(List.of("a", 10.0));
        assertThat(evaluated).hasSize(1);
        assertThat(service.metrics().liveQueries()).isEqualTo(1);
        assertThat(service.metrics().subscribers()).isEqualTo(2);

        service.ack(first.getRef());
        service.ack(second.getRef());
        write("shared", "a", 2, 20);
        assertThat(rows(expect(first, Update.class).updated())).containsExactly(List.of("a", 20.0));
        assertThat(rows(expect(second, Update.class).updated())).containsExactly(List.of("a", 20.0));
        assertThat(evaluated).hasSize(2);
    }

    @Test
    void aWriteReEvaluatesOnlyTheBinsItTouchedAndSendsOnlyTheirChangedRows() {
        createTable("binned");
        write("binned", "a", 1, 1);
        write("binned", "a", 2, 2);
        write("binned", "b", 2, 5);
        TestProbe<SubscriptionEvent> probe = testKit.createTestProbe();
        service.subscribe("SELECT bin(time, 1m) AS t, hostname, avg(measure_value::double) AS v FROM live.binned"
                + " GROUP BY 1, 2", probe.getRef());
        Snapshot snapshot = expect(probe, Snapshot.class);
        assertThat(snapshot.columns()).extracting(c -> c.name()).containsExactly("t", "hostname", "v");
        assertThat(rows(snapshot.rows())).containsExactlyInAnyOrder(List.of(bin(1), "a", 1.0),
                List.of(bin(2), "a", 2.0), List.of(bin(2), "b", 5.0));
        service.ack(probe.getRef());

        IngestBatch batch = engine.newBatch(DB, "binned");
        int column = batch.column(MeasureType.DOUBLE.valueColumnName(), MeasureType.DOUBLE);
        int series = batch.series(SeriesKey.of(List.of(new Dimension("hostname", "a")), "cpu"), MeasureType.DOUBLE);
        batch.addRow(series, bin(2) + 1_000_000_000L, 1, 0);
        batch.setDouble(column, 4);
        engine.write(batch).toCompletableFuture().join();
        service.tableWritten(new TableWritten(DB, "binned", bin(2) + 1_000_000_000L, bin(2) + 1_000_000_000L));

        Update update = expect(probe, Update.class);
        assertThat(update.seq()).isEqualTo(1);
        assertThat(rows(update.updated())).containsExactly(List.of(bin(2), "a", 3.0));
        assertThat(update.added().rowCount()).isZero();
        assertThat(update.removed().rowCount()).isZero();
        assertThat(evaluated.get(evaluated.size() - 1))
                .contains("from_nanoseconds(" + bin(2) + ")").contains("from_nanoseconds(" + bin(3) + ")");

        service.ack(probe.getRef());
        write("binned", "c", 3, 7);
        Update added = expect(probe, Update.class);
        assertThat(added.seq()).isEqualTo(2);
        assertThat(rows(added.added())).containsExactly(List.of(bin(3), "c", 7.0));
        assertThat(added.updated().rowCount()).isZero();
    }

    @Test
    void aQueryWithoutATimeBinIsReEvaluatedInFull() {
        createTable("counted");
        write("counted", "a", 1, 1);
        write("counted", "b", 1, 1);
        String sql = "SELECT hostname, count(*) AS n FROM live.counted GROUP BY hostname";
        TestProbe<SubscriptionEvent> probe = testKit.createTestProbe();
        service.subscribe(sql, probe.getRef());
        assertThat(rows(expect(probe, Snapshot.class).rows())).containsExactlyInAnyOrder(List.of("a", 1L),
                List.of("b", 1L));
        service.ack(probe.getRef());

        write("counted", "b", 2, 1);

        Update update = expect(probe, Update.class);
        assertThat(rows(update.updated())).containsExactly(List.of("b", 2L));
        assertThat(evaluated).containsExactly(sql, sql);
    }

    @Test
    void rowsLeavingTheAgoWindowAreRemovedAtTheNextRefresh() {
        createTable("windowed");
        clock.set(Instant.parse("2026-03-10T11:10:00Z"));
        write("windowed", "a", 5, 1);
        write("windowed", "a", 8, 2);
        TestProbe<SubscriptionEvent> probe = testKit.createTestProbe();
        service.subscribe("SELECT bin(time, 1m) AS t, avg(measure_value::double) AS v FROM live.windowed"
                + " WHERE time > ago(6m) GROUP BY 1", probe.getRef());
        assertThat(rows(expect(probe, Snapshot.class).rows())).containsExactlyInAnyOrder(List.of(bin(5), 1.0),
                List.of(bin(8), 2.0));
        service.ack(probe.getRef());

        clock.advance(Duration.ofMinutes(2));
        service.refreshAll();

        Update update = expect(probe, Update.class);
        assertThat(rows(update.removed())).containsExactly(List.of(bin(5), 1.0));
        assertThat(update.added().rowCount() + update.updated().rowCount()).isZero();
        clock.set(Instant.parse("2026-03-10T12:00:00Z"));
    }

    @Test
    void aSlowSubscriberGetsCoalescedUpdatesThenIsClosedWhileOthersKeepUp() {
        createTable("slow");
        write("slow", "a", 1, 1);
        String sql = "SELECT hostname, sum(measure_value::double) AS total FROM live.slow GROUP BY hostname";
        TestProbe<SubscriptionEvent> fast = testKit.createTestProbe();
        TestProbe<SubscriptionEvent> slow = testKit.createTestProbe();
        service.subscribe(sql, fast.getRef());
        service.subscribe(sql, slow.getRef());
        expect(fast, Snapshot.class);
        expect(slow, Snapshot.class);
        service.ack(fast.getRef());

        write("slow", "a", 2, 1);
        expect(fast, Update.class);
        service.ack(fast.getRef());
        write("slow", "b", 2, 5);
        expect(fast, Update.class);
        service.ack(fast.getRef());
        slow.expectNoMessage(Duration.ofMillis(200));

        service.ack(slow.getRef());
        Update coalesced = expect(slow, Update.class);
        assertThat(coalesced.seq()).isEqualTo(1);
        assertThat(rows(coalesced.updated())).containsExactly(List.of("a", 2.0));
        assertThat(rows(coalesced.added())).containsExactly(List.of("b", 5.0));

        for (int i = 0; i < 4; i++) {
            write("slow", "a", 3 + i, 1);
            expect(fast, Update.class);
            service.ack(fast.getRef());
        }
        assertThat(expect(slow, Closing.class).reason()).isEqualTo("subscriber too slow");
        assertThat(service.metrics().slowSubscribersClosed()).isEqualTo(1);

        write("slow", "b", 9, 1);
        assertThat(rows(expect(fast, Update.class).updated())).containsExactly(List.of("b", 6.0));
        slow.expectNoMessage(Duration.ofMillis(200));
    }

    @Test
    void aBadQueryGetsTheParserPositionAndAnUnknownTableItsError() {
        TestProbe<SubscriptionEvent> probe = testKit.createTestProbe();
        service.subscribe("SELECT hostname FROM", probe.getRef());
        Failed syntax = expect(probe, Failed.class);
        assertThat(syntax.kind()).isEqualTo(ErrorKind.VALIDATION);
        assertThat(syntax.message()).startsWith("line 1:21: ");

        service.subscribe("SELECT hostname FROM live.nowhere", probe.getRef());
        Failed unknown = expect(probe, Failed.class);
        assertThat(unknown.message()).contains("nowhere");
        awaitCounts(0, 0);
    }

    @Test
    void aSubscriberThatStopsOrUnsubscribesIsRemovedWithItsLiveQuery() {
        createTable("leaving");
        write("leaving", "a", 1, 1);
        TestProbe<SubscriptionEvent> stopping = testKit.createTestProbe();
        TestProbe<SubscriptionEvent> leaving = testKit.createTestProbe();
        service.subscribe("SELECT count(*) AS n FROM live.leaving", stopping.getRef());
        service.subscribe("SELECT hostname FROM live.leaving", leaving.getRef());
        expect(stopping, Snapshot.class);
        expect(leaving, Snapshot.class);
        awaitCounts(2, 2);

        stopping.stop();
        service.unsubscribe(leaving.getRef());

        awaitCounts(0, 0);
        service.ack(leaving.getRef());
        write("leaving", "a", 2, 1);
        leaving.expectNoMessage(Duration.ofMillis(200));
    }

    @Test
    void lagIsTheAgeOfTheOldestAcknowledgedWriteNotYetHandedToSubscribers() {
        createTable("lagging");
        write("lagging", "a", 1, 1);
        CompletableFuture<Void> gate = new CompletableFuture<>();
        SubscriptionService gated = SubscriptionService.start(engine.system(),
                sql -> evaluated.isEmpty() || gate.isDone() ? evaluate(sql) : gate.thenCompose(open -> evaluate(sql)),
                new SubscriptionSettings(Duration.ZERO, Duration.ofHours(1), 1000, 3), clock);
        TestProbe<SubscriptionEvent> probe = testKit.createTestProbe();
        gated.subscribe("SELECT hostname, count(*) AS n FROM live.lagging GROUP BY hostname", probe.getRef());
        expect(probe, Snapshot.class);
        gated.ack(probe.getRef());
        assertThat(gated.metrics().lagMillis()).isZero();

        write("lagging", "a", 2, 1);
        gated.tableWritten(new TableWritten(DB, "lagging", Long.MIN_VALUE, Long.MAX_VALUE));
        probe.expectNoMessage(Duration.ofMillis(100));
        clock.advance(Duration.ofSeconds(5));
        assertThat(gated.metrics().lagMillis()).isEqualTo(5000);

        gate.complete(null);
        assertThat(rows(expect(probe, Update.class).updated())).containsExactly(List.of("a", 2L));
        testKit.createTestProbe().awaitAssert(WAIT, () -> assertThat(gated.metrics().lagMillis()).isZero());
        clock.set(Instant.parse("2026-03-10T12:00:00Z"));
    }

    void awaitCounts(int subscribers, int liveQueries) {
        testKit.createTestProbe().awaitAssert(WAIT, () -> {
            assertThat(service.metrics().subscribers()).isEqualTo(subscribers);
            assertThat(service.metrics().liveQueries()).isEqualTo(liveQueries);
            return null;
        });
    }
}
