package io.tidemark.http.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.timestreamwrite.TimestreamWriteClient;

/**
 * A node frozen with SIGSTOP looks to the others like a partition: the majority (nodes 1 and 2)
 * downs it and keeps acknowledging writes; when the frozen node is continued it learns it was
 * downed and exits with a failure status, acknowledging none of the writes sent to it meanwhile;
 * every record the majority acknowledged is still readable.
 */
class PartitionClusterIT {

    private static final int HOSTS = 16;
    private static final int CALLS = 6;
    /** Ids for the writes sent to the minority: far above anything the writer thread reaches. */
    private static final long MINORITY_IDS = 1_000_000_000L;

    @TempDir
    Path dataRoot;

    @AutoClose
    private ProcessCluster cluster;

    @Test
    void theMajorityKeepsWritingAndTheContinuedMinorityAcknowledgesNothingAndExits() throws Exception {
        cluster = ProcessCluster.start(dataRoot, "PartitionClusterIT", Map.of());
        ClusterTable table = ClusterTable.create(cluster.node(1), "partition_db", "metrics", HOSTS);
        table.awaitVisible(cluster);
        NodeProcess minority = cluster.node(3);

        try (AcknowledgingWriter writer = new AcknowledgingWriter(table, List.of(cluster.node(1), cluster.node(2)))) {
            writer.awaitAcknowledgedCalls(CALLS);
            long paused = System.nanoTime();
            minority.pause();
            cluster.await(cluster.node(1), 2);
            cluster.await(cluster.node(2), 2);
            writer.awaitAcknowledgedCalls(CALLS);
            System.out.printf("PartitionClusterIT: SIGSTOP of node 3: writes through the majority failed or slow"
                    + " until %d ms after the pause (longest call %d ms)%n", writer.outageMillisSince(paused),
                    writer.longestCallMillisSince(paused));

            minority.resume();
            int acknowledgedByMinority = 0;
            int attempts = 0;
            try (TimestreamWriteClient client = minority.writeClient()) {
                for (long first = MINORITY_IDS; minority.isAlive(); first += HOSTS, attempts++) {
                    try {
                        table.write(client, first, HOSTS);
                        acknowledgedByMinority++;
                    } catch (RuntimeException refused) {
                        // refused, timed out or connection lost: what a downed node must do
                    }
                }
            }
            assertThat(acknowledgedByMinority).as("writes acknowledged by the downed node (of " + attempts + ")")
                    .isZero();
            assertThat(minority.awaitExit(Duration.ofSeconds(90))).as("the downed node's exit status").isIn(1, 255);

            writer.awaitAcknowledgedCalls(CALLS);
            writer.close();
            Set<Long> acknowledged = writer.acknowledged();
            for (int n = 1; n <= 2; n++) {
                assertThat(table.readIds(cluster.node(n))).as("acknowledged records read through node " + n)
                        .containsAll(acknowledged);
            }
        }
    }
}
