package io.tidemark.engine.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.engine.subscription.ClusterWriteNotices.WrittenElsewhere;
import io.tidemark.engine.testing.LoopbackCluster;
import io.tidemark.engine.query.QueryService.QueryResult;
import io.tidemark.engine.query.QueryService.QueryStatus;
import io.tidemark.engine.query.vector.Batch;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes acknowledged through one node of a real loopback cluster reach a subscriber of the
 * write-notice topic on another node: serialized with Kryo, sent over remoting, time ranges intact.
 */
class ClusterWriteNoticesTest {

    /** Deadline on a loaded machine (membership and topic registrations spread asynchronously). */
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** The table of the writes offered until the cluster passes notices; later notices may still carry them. */
    private static final String WARM_UP = "warm-up";

    @TempDir
    Path dir;

    @Test
    void aWriteOnNodeAReachesASubscriberOnNodeB() {
        try (LoopbackCluster cluster = LoopbackCluster.start(2, dir, "")) {
            ClusterWriteNotices a = ClusterWriteNotices.start(cluster.node(0), "notices-test");
            ClusterWriteNotices b = ClusterWriteNotices.start(cluster.node(1), "notices-test");
            TestProbe<WrittenElsewhere> subscriber = TestProbe.create(cluster.node(1));
            b.topic().tell(Topic.subscribe(subscriber.getRef()));
            awaitFirstNotice(a, subscriber);

            a.offer(new TableWritten("db", "cpu", 10, 20));
            a.offer(new TableWritten("db", "cpu", 5, 15));
            a.offer(new TableWritten("db", "mem", 1, 1));

            Map<String, TableWritten> received = new HashMap<>();
            while (!covers(received.get("cpu"), 5, 20) || !covers(received.get("mem"), 1, 1)) {
                WrittenElsewhere notice = subscriber.receiveMessage(WAIT);
                assertThat(notice.origin()).isEqualTo(a.self()).isNotEqualTo(b.self());
                for (TableWritten write : notice.writes()) {
                    if (write.table().equals(WARM_UP)) {
                        continue;
                    }
                    assertThat(write.database()).isEqualTo("db");
                    received.merge(write.table(), write, (x, y) -> new TableWritten(x.database(), x.table(),
                            Math.min(x.minTimeNanos(), y.minTimeNanos()), Math.max(x.maxTimeNanos(), y.maxTimeNanos())));
                }
            }
            assertThat(received.get("cpu")).isEqualTo(new TableWritten("db", "cpu", 5, 20));
            assertThat(received.get("mem")).isEqualTo(new TableWritten("db", "mem", 1, 1));
        }
    }

    @Test
    void aLiveQueryOnNodeBReEvaluatesAfterAWriteAcknowledgedThroughNodeA() {
        try (LoopbackCluster cluster = LoopbackCluster.start(2, dir, "")) {
            SubscriptionSettings settings = new SubscriptionSettings(Duration.ZERO, Duration.ofHours(1), 1000, 3);
            Clock clock = Clock.systemUTC();
            AtomicInteger evaluations = new AtomicInteger();
            SubscriptionService a = SubscriptionService.start(cluster.node(0),
                    sql -> CompletableFuture.failedFuture(new AssertionError("node A has no live query: " + sql)),
                    settings, clock);
            SubscriptionService b = SubscriptionService.start(cluster.node(1), sql -> {
                evaluations.incrementAndGet();
                return CompletableFuture.completedFuture(new QueryResult("q", List.of(), Batch.empty(List.of()),
                        new QueryStatus(100, 0, 0)));
            }, settings, clock);
            TestProbe<SubscriptionEvent> subscriber = TestProbe.create(cluster.node(1));
            b.subscribe("SELECT * FROM db.cpu", subscriber.getRef());
            subscriber.expectMessageClass(SubscriptionEvent.Snapshot.class, WAIT);
            b.ack(subscriber.getRef());
            assertThat(evaluations.get()).isEqualTo(1);

            long deadline = System.nanoTime() + WAIT.toNanos();
            while (evaluations.get() == 1) {
                // node B's subscription to the notices spreads through the receptionist meanwhile
                a.tableWritten(new TableWritten("db", "cpu", 10, 20));
                a.tableWritten(new TableWritten("db", "mem", 10, 20));
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("node B did not re-evaluate within " + WAIT);
                }
                sleep(50);
            }
            assertThat(evaluations.get()).isGreaterThan(1);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Test
    void aSingleNodePublishesNothing() {
        try (LoopbackCluster cluster = LoopbackCluster.start(1, dir, "")) {
            ClusterWriteNotices only = ClusterWriteNotices.start(cluster.node(0), "notices-test");
            TestProbe<WrittenElsewhere> subscriber = TestProbe.create(cluster.node(0));
            only.topic().tell(Topic.subscribe(subscriber.getRef()));

            only.offer(new TableWritten("db", "cpu", 10, 20));

            subscriber.expectNoMessage(Duration.ofMillis(300));
        }
    }

    private static boolean covers(TableWritten write, long min, long max) {
        return write != null && write.minTimeNanos() <= min && write.maxTimeNanos() >= max;
    }

    /** Offers a warm-up write until node B's subscriber gets one: membership and the topic registration have spread. */
    private static void awaitFirstNotice(ClusterWriteNotices from, TestProbe<WrittenElsewhere> subscriber) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            from.offer(new TableWritten("db", WARM_UP, 0, 0));
            try {
                subscriber.receiveMessage(Duration.ofMillis(200));
                return;
            } catch (AssertionError notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
            }
        }
    }
}
