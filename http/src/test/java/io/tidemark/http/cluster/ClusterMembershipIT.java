package io.tidemark.http.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three-node config, the launcher and the process harness without any data: three
 * {@code serve --node n} processes form one cluster and all report ready; a node killed with
 * SIGKILL is detected and removed by the others (split-brain resolver, keep-majority), and comes
 * back on restart; a node frozen with SIGSTOP is removed, and when continued it finds itself
 * downed and exits with a failure status instead of serving; SIGTERM makes a node (the first
 * seed) leave gracefully, and restarted it joins the running cluster again. Prints how long
 * detection and removal took (no timed assertion: the deadlines are generous bounds against
 * hangs).
 */
class ClusterMembershipIT {

    private static final Duration EXIT_DEADLINE = Duration.ofSeconds(90);

    @TempDir
    Path dataRoot;

    @AutoClose
    private ProcessCluster cluster;

    @Test
    void threeProcessesFormOneClusterSurviveKillAndPauseOfANodeAndLeaveOnSigterm() throws Exception {
        cluster = ProcessCluster.start(dataRoot, "ClusterMembershipIT", Map.of());
        for (int n = 1; n <= ProcessCluster.SIZE; n++) {
            assertThat(cluster.node(n).readiness().body()).contains("\"catalog\":\"answered\"");
        }

        long killed = System.nanoTime();
        cluster.node(3).kill();
        cluster.awaitReady(2);
        System.out.printf("ClusterMembershipIT: kill -9 of node 3 detected and the node removed after %d ms%n",
                (System.nanoTime() - killed) / 1_000_000);

        long restarted = System.nanoTime();
        cluster.restart(3);
        cluster.awaitReady(3);
        System.out.printf("ClusterMembershipIT: restarted node 3 rejoined and ready after %d ms%n",
                (System.nanoTime() - restarted) / 1_000_000);

        NodeProcess paused = cluster.node(3);
        long stopped = System.nanoTime();
        paused.pause();
        cluster.await(cluster.node(1), 2);
        cluster.await(cluster.node(2), 2);
        System.out.printf("ClusterMembershipIT: SIGSTOPped node 3 removed by the majority after %d ms%n",
                (System.nanoTime() - stopped) / 1_000_000);
        paused.resume();
        assertThat(paused.awaitExit(EXIT_DEADLINE)).as("a downed node exits with a failure status")
                .isIn(1, 255);
        assertThat(paused.output()).contains("SBR took decision");

        cluster.restart(3);
        cluster.awaitReady(3);
        NodeProcess leaving = cluster.node(1);
        leaving.stop(EXIT_DEADLINE);
        assertThat(leaving.output()).contains("tidemark: stopped (listener unbound, journals synced)");
        cluster.await(cluster.node(2), 2);
        cluster.await(cluster.node(3), 2);

        // Node 1 is the first seed: restarted, it must join the running cluster, not form a new one.
        cluster.restart(1);
        cluster.awaitReady(3);
    }
}
