package io.tidemark.http.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replication factor 2 under node loss: a writer thread writes through the nodes other than the
 * victim, remembering every acknowledged record; the victim is killed with SIGKILL, first node 3,
 * then (after node 3 is back) node 1, the oldest member, which hosts the cluster singletons (the
 * catalog) and the sharding coordinator. After each kill, writes and queries through the survivors
 * succeed again (the time it took is printed: three-node.conf's failure detection, split-brain
 * resolver and removal margin bound it at about 15 s plus recovery), the killed node restarts,
 * rejoins and serves, and in the end every acknowledged record is read back through every node.
 */
class FailoverClusterIT {

    private static final int HOSTS = 16;
    /** Acknowledged calls to see before a kill and after a failover: enough to reach every shard. */
    private static final int CALLS = 6;

    @TempDir
    Path dataRoot;

    @AutoClose
    private ProcessCluster cluster;

    @Test
    void killingANodeLosesNoAcknowledgedWriteAndTheKilledNodeRejoinsAndServes() throws Exception {
        cluster = ProcessCluster.start(dataRoot, "FailoverClusterIT", Map.of());
        ClusterTable table = ClusterTable.create(cluster.node(1), "failover_db", "metrics", HOSTS);
        table.awaitVisible(cluster);

        try (AcknowledgingWriter writer = new AcknowledgingWriter(table, List.of(cluster.node(1), cluster.node(2)))) {
            writer.awaitAcknowledgedCalls(CALLS);
            failOver(writer, 3, List.of(1, 2));

            rejoin(3);
            writer.target(List.of(cluster.node(2), cluster.node(3)));
            writer.awaitAcknowledgedCalls(CALLS);
            failOver(writer, 1, List.of(2, 3));

            rejoin(1);
            writer.target(List.of(cluster.node(1), cluster.node(2), cluster.node(3)));
            writer.awaitAcknowledgedCalls(CALLS);
            writer.close();

            Set<Long> acknowledged = writer.acknowledged();
            System.out.printf("FailoverClusterIT: %d records acknowledged, %d calls failed during failovers%n",
                    acknowledged.size(), writer.failedCalls());
            for (int n = 1; n <= ProcessCluster.SIZE; n++) {
                assertThat(table.readIds(cluster.node(n))).as("acknowledged records read through node " + n)
                        .containsAll(acknowledged);
            }
        }
    }

    /** Kills node {@code victim} and waits until the survivors acknowledge writes and answer queries again. */
    private void failOver(AcknowledgingWriter writer, int victim, List<Integer> survivors) throws Exception {
        long killed = System.nanoTime();
        cluster.node(victim).kill();
        for (int n : survivors) {
            cluster.await(cluster.node(n), 2);
        }
        long removedMillis = (System.nanoTime() - killed) / 1_000_000;
        long queryMillis = 0;
        for (int n : survivors) {
            queryMillis = Math.max(queryMillis, awaitQuery(cluster.node(n), killed));
        }
        writer.awaitAcknowledgedCalls(CALLS);
        System.out.printf("FailoverClusterIT: kill -9 of node %d: removed after %d ms; writes failed or slow until"
                + " %d ms after the kill (longest call %d ms); queries through every survivor answered %d ms after it%n",
                victim, removedMillis, writer.outageMillisSince(killed), writer.longestCallMillisSince(killed),
                queryMillis);
    }

    private void rejoin(int n) throws Exception {
        cluster.restart(n);
        cluster.awaitReady(ProcessCluster.SIZE);
    }

    /** Queries through {@code node} until one answers; milliseconds from {@code sinceNanos} to that answer. */
    private static long awaitQuery(NodeProcess node, long sinceNanos) throws InterruptedException {
        long deadline = System.nanoTime() + ProcessCluster.DEADLINE.toNanos();
        while (true) {
            try {
                ClusterTable.queryRow(node, "SELECT count(*) FROM failover_db.metrics");
                return (System.nanoTime() - sinceNanos) / 1_000_000;
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("queries through " + node + " kept failing", e);
                }
                Thread.sleep(200);
            }
        }
    }
}
