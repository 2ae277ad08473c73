package io.tidemark.engine.shard.fragment;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.tidemark.engine.testing.LoopbackCluster;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node's fragment control on a cluster of one, where the querying node and the running node are
 * the same (the path a node's own shards take): a received attempt is acknowledged and registered,
 * a cancel stops it, a cancel sent before the receipt reaches the attempt once it is received, a
 * receipt for an attempt nobody waits for is answered with a cancel, and a cancel for an unknown
 * attempt changes nothing.
 */
class FragmentControlTest {

    @TempDir
    static Path dataDir;

    private static ActorSystem<Void> system;
    private static FragmentControl control;
    private static int serial;

    @BeforeAll
    static void start() {
        system = ActorSystem.create(Behaviors.empty(), "fragment-control", ConfigFactory.load(ConfigFactory.parseString(
                "include classpath(\"tidemark/single-node.conf\")\ntidemark.data-dir = \""
                        + dataDir.toString().replace("\\", "/") + "\"")));
        Cluster cluster = Cluster.get(system);
        cluster.manager().tell(Join.create(cluster.selfMember().address()));
        control = FragmentControl.start(system);
    }

    @AfterAll
    static void stop() throws Exception {
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    private static FragmentControl.Attempt open() {
        return control.open(new FragmentId("q1", ++serial, "table-1", 2, 1));
    }

    /** A fragment the control does not look into (it never leaves this node). */
    private record Opaque() implements ShardFragment {
    }

    private static TrackedFragment tracked(FragmentControl.Attempt attempt) {
        return attempt.track(new Opaque());
    }

    private static void awaitUntil(String what, BooleanSupplier condition) {
        LoopbackCluster.awaitUntil(LoopbackCluster.MEMBERSHIP_DEADLINE, what, condition);
    }

    @Test
    void aReceivedAttemptIsAcknowledgedRegisteredAndStoppedByItsCancel() throws Exception {
        FragmentControl.Counts before = control.counts();
        FragmentControl.Attempt attempt = open();

        RunningFragments.Running run = control.begin(tracked(attempt));

        assertThat(attempt.received()).isCompleted();
        assertThat(control.counts().running()).isEqualTo(before.running() + 1);
        assertThat(run.getAsBoolean()).as("stopped before any cancel").isFalse();

        attempt.cancel("the query was cancelled");

        awaitUntil("the run is stopped", run);
        assertThat(run.stopReason()).isEqualTo("the query was cancelled");
        assertThat(control.counts().cancelled()).isEqualTo(before.cancelled() + 1);
        run.finish();
        attempt.close();
        assertThat(control.counts().running()).isEqualTo(before.running());
    }

    @Test
    void aCancelSentBeforeTheReceiptStopsTheAttemptOnceReceived() {
        FragmentControl.Attempt attempt = open();
        attempt.cancel("another shard task of the query failed");

        RunningFragments.Running run = control.begin(tracked(attempt));

        awaitUntil("the run is stopped", run);
        run.finish();
        attempt.close();
    }

    @Test
    void aReceiptNobodyWaitsForIsAnsweredWithACancel() {
        FragmentControl.Attempt attempt = open();
        TrackedFragment fragment = tracked(attempt);
        attempt.close();

        RunningFragments.Running run = control.begin(fragment);

        awaitUntil("the run is stopped", run);
        assertThat(run.stopReason()).contains("no longer waits");
        run.finish();
    }

    @Test
    void aCancelForAnUnknownOrFinishedAttemptChangesNothing() throws Exception {
        FragmentControl.Attempt attempt = open();
        RunningFragments.Running run = control.begin(tracked(attempt));
        run.finish();
        FragmentControl.Counts before = control.counts();

        attempt.cancel("too late");
        tracked(attempt).control().tell(new CancelFragment(new FragmentId("q-unknown", 1,
                "table-1", 0, 1), "unknown"));
        // a later attempt's receipt and cancel go through the same mailbox after those two
        FragmentControl.Attempt later = open();
        RunningFragments.Running laterRun = control.begin(tracked(later));
        later.cancel("flush");
        awaitUntil("the later run is stopped", laterRun);

        assertThat(control.counts().cancelled()).as("only the later run's cancel counted")
                .isEqualTo(before.cancelled() + 1);
        assertThat(run.getAsBoolean()).isFalse();
        laterRun.finish();
        later.close();
        attempt.close();
    }

    @Test
    void aClusterWithoutUnreachableMembersIsSettledAtOnce() throws Exception {
        assertThat(control.settled().get(60, TimeUnit.SECONDS)).isNull();
    }
}
