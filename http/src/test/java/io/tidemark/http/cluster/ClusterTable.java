package io.tidemark.http.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.timestreamquery.TimestreamQueryClient;
import software.amazon.awssdk.services.timestreamquery.model.Row;
import software.amazon.awssdk.services.timestreamwrite.TimestreamWriteClient;
import software.amazon.awssdk.services.timestreamwrite.model.Dimension;
import software.amazon.awssdk.services.timestreamwrite.model.MeasureValueType;
import software.amazon.awssdk.services.timestreamwrite.model.Record;
import software.amazon.awssdk.services.timestreamwrite.model.TimeUnit;

/**
 * A test table in a process cluster and the records the cluster ITs write to it: record
 * {@code id} is host {@code h<id % hosts>} at time {@code base + id / hosts} ms, measure {@code v}
 * (bigint) = {@code id}, so every record is told apart by its value alone and a read-back is a set
 * of ids.
 */
record ClusterTable(String database, String table, int hosts, long baseMillis) {

    /** Creates the database and table through {@code node} (memory store 24 h: every test record fits). */
    static ClusterTable create(NodeProcess node, String database, String table, int hosts) {
        try (TimestreamWriteClient client = node.writeClient()) {
            client.createDatabase(b -> b.databaseName(database));
            client.createTable(b -> b.databaseName(database).tableName(table).retentionProperties(
                    r -> r.memoryStoreRetentionPeriodInHours(24L).magneticStoreRetentionPeriodInDays(7L)));
        }
        return new ClusterTable(database, table, hosts, System.currentTimeMillis() - Duration.ofHours(1).toMillis());
    }

    /** Waits until every live node of {@code cluster} describes the table (the catalog reached it). */
    void awaitVisible(ProcessCluster cluster) throws InterruptedException {
        for (NodeProcess node : cluster.liveNodes()) {
            long deadline = System.nanoTime() + ProcessCluster.DEADLINE.toNanos();
            try (TimestreamWriteClient client = node.writeClient()) {
                while (true) {
                    try {
                        client.describeTable(b -> b.databaseName(database).tableName(table));
                        break;
                    } catch (RuntimeException e) {
                        if (System.nanoTime() > deadline) {
                            throw new AssertionError(node + " never saw table " + database + "." + table, e);
                        }
                        Thread.sleep(250);
                    }
                }
            }
        }
    }

    /** The records {@code first} to {@code first + count - 1}. */
    List<Record> records(long first, int count) {
        List<Record> records = new ArrayList<>(count);
        for (long id = first; id < first + count; id++) {
            records.add(Record.builder()
                    .dimensions(Dimension.builder().name("host").value("h" + (id % hosts)).build())
                    .measureName("v").measureValue(Long.toString(id)).measureValueType(MeasureValueType.BIGINT)
                    .time(Long.toString(baseMillis + id / hosts)).timeUnit(TimeUnit.MILLISECONDS).build());
        }
        return records;
    }

    /** Writes records {@code first .. first + count - 1} through {@code client}; throws unless all are acknowledged. */
    void write(TimestreamWriteClient client, long first, int count) {
        client.writeRecords(b -> b.databaseName(database).tableName(table).records(records(first, count)));
    }

    /** Every record id the table holds, as read through {@code node} (all pages). */
    Set<Long> readIds(NodeProcess node) {
        Set<Long> ids = new HashSet<>();
        try (TimestreamQueryClient client = node.queryClient()) {
            client.queryPaginator(b -> b.queryString("SELECT measure_value::bigint FROM \"" + database + "\".\""
                    + table + "\"")).stream().forEach(page -> {
                        for (Row row : page.rows()) {
                            ids.add(Long.parseLong(row.data().get(0).scalarValue()));
                        }
                    });
        }
        return ids;
    }

    /** One SQL row through {@code node}: the scalar values of the first row of {@code sql}. */
    static List<String> queryRow(NodeProcess node, String sql) {
        try (TimestreamQueryClient client = node.queryClient()) {
            Row row = client.query(b -> b.queryString(sql)).rows().get(0);
            List<String> values = new ArrayList<>();
            row.data().forEach(d -> values.add(d.scalarValue()));
            return values;
        }
    }
}
