package io.tidemark.http.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.timestreamwrite.TimestreamWriteClient;

/**
 * Three nodes serve one database: a table created through node 1 is written through each of the
 * three nodes (a third of the records each, every batch spread over all hosts and so over the
 * shards of every node), and the count and aggregates read through each node are complete and
 * equal, as is the set of records.
 */
class ThreeNodeClusterIT {

    private static final int HOSTS = 24;
    private static final int BATCHES_PER_NODE = 10;

    @TempDir
    Path dataRoot;

    @AutoClose
    private ProcessCluster cluster;

    @Test
    void writesThroughEveryNodeAreReadCompleteAndEqualThroughEveryNode() throws Exception {
        cluster = ProcessCluster.start(dataRoot, "ThreeNodeClusterIT", Map.of());
        ClusterTable table = ClusterTable.create(cluster.node(1), "cluster_db", "metrics", HOSTS);
        table.awaitVisible(cluster);

        long batch = 0;
        for (int n = 1; n <= ProcessCluster.SIZE; n++) {
            try (TimestreamWriteClient client = cluster.node(n).writeClient()) {
                for (int b = 0; b < BATCHES_PER_NODE; b++, batch++) {
                    table.write(client, batch * HOSTS, HOSTS);
                }
            }
        }
        long records = batch * HOSTS;
        long sum = records * (records - 1) / 2;

        String aggregates = "SELECT count(*), sum(measure_value::bigint), min(measure_value::bigint),"
                + " max(measure_value::bigint), count(DISTINCT host) FROM cluster_db.metrics";
        for (int n = 1; n <= ProcessCluster.SIZE; n++) {
            NodeProcess node = cluster.node(n);
            assertThat(ClusterTable.queryRow(node, aggregates)).as("aggregates through " + node).containsExactly(
                    Long.toString(records), Long.toString(sum), "0", Long.toString(records - 1),
                    Integer.toString(HOSTS));
            assertThat(ClusterTable.queryRow(node, "SELECT count(*) FROM cluster_db.metrics WHERE host = 'h3'"))
                    .as("one host through " + node).containsExactly(Long.toString(records / HOSTS));
            assertThat(table.readIds(node)).as("records through " + node).hasSize((int) records)
                    .allMatch(id -> id >= 0 && id < records);
        }
        List<String> perHost = ClusterTable.queryRow(cluster.node(2),
                "SELECT max(c), min(c) FROM (SELECT host, count(*) AS c FROM cluster_db.metrics GROUP BY host)");
        assertThat(perHost).containsExactly(Long.toString(records / HOSTS), Long.toString(records / HOSTS));
    }
}
