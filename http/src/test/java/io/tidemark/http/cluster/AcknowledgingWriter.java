package io.tidemark.http.cluster;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.services.timestreamwrite.TimestreamWriteClient;

/**
 * A writer thread for the failure ITs: writes batches of {@link ClusterTable} records (one record
 * per host, so a batch reaches most shards) round-robin through the current target nodes, and
 * remembers every id whose WriteRecords call was acknowledged and when each call succeeded or
 * failed. A failed batch is not retried: its ids are never written again, so the acknowledged set
 * is exactly what the cluster promised to keep.
 */
final class AcknowledgingWriter implements AutoCloseable {

    /** One WriteRecords call: when it started and ended, and whether it was acknowledged. */
    record Outcome(long startNanos, long endNanos, boolean acknowledged) {

        /** Failed, or acknowledged only after {@link #SLOW}: the cluster was not serving writes normally. */
        boolean disturbed() {
            return !acknowledged || endNanos - startNanos > SLOW.toNanos();
        }
    }

    /** A call slower than this waited for a failover (calls take well under a second when all is well). */
    static final Duration SLOW = Duration.ofSeconds(3);

    private final ClusterTable table;
    private final Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
    private final List<Outcome> outcomes = new CopyOnWriteArrayList<>();
    private final Map<URI, TimestreamWriteClient> clients = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile List<NodeProcess> targets;
    private volatile boolean running = true;

    AcknowledgingWriter(ClusterTable table, List<NodeProcess> targets) {
        this.table = table;
        this.targets = List.copyOf(targets);
        this.thread = new Thread(this::run, "cluster-it-writer");
        thread.start();
    }

    /** Writes through these nodes from the next batch on (e.g. the restarted process of a node). */
    void target(List<NodeProcess> nodes) {
        targets = List.copyOf(nodes);
    }

    private void run() {
        long batch = 0;
        while (running) {
            List<NodeProcess> now = targets;
            NodeProcess node = now.get((int) (batch % now.size()));
            long first = batch * table.hosts();
            long start = System.nanoTime();
            boolean ok;
            try {
                table.write(clients.computeIfAbsent(node.endpoint(), uri -> node.writeClient()), first, table.hosts());
                for (long id = first; id < first + table.hosts(); id++) {
                    acknowledged.add(id);
                }
                ok = true;
            } catch (RuntimeException e) {
                ok = false;
            }
            outcomes.add(new Outcome(start, System.nanoTime(), ok));
            batch++;
            pause(ok ? 20 : 200);
        }
    }

    /** Waits until {@code count} more calls than now have been acknowledged (a deadline bounds a hang). */
    void awaitAcknowledgedCalls(int count) throws InterruptedException {
        long target = acknowledgedCalls() + count;
        long deadline = System.nanoTime() + ProcessCluster.DEADLINE.toNanos();
        while (acknowledgedCalls() < target) {
            if (System.nanoTime() > deadline || !thread.isAlive()) {
                throw new AssertionError("writes were not acknowledged again within " + ProcessCluster.DEADLINE
                        + ": " + acknowledgedCalls() + " of " + target + " calls");
            }
            Thread.sleep(50);
        }
    }

    private long acknowledgedCalls() {
        return outcomes.stream().filter(Outcome::acknowledged).count();
    }

    /**
     * How long after {@code sinceNanos} writes were disturbed: from {@code sinceNanos} to the end of
     * the last call that ended after it and failed or took longer than {@link #SLOW} (0 when none did).
     */
    long outageMillisSince(long sinceNanos) {
        long lastDisturbed = sinceNanos;
        for (Outcome o : outcomes) {
            if (o.endNanos() >= sinceNanos && o.disturbed()) {
                lastDisturbed = Math.max(lastDisturbed, o.endNanos());
            }
        }
        return (lastDisturbed - sinceNanos) / 1_000_000;
    }

    /** The longest call that ended after {@code sinceNanos}, in milliseconds. */
    long longestCallMillisSince(long sinceNanos) {
        return outcomes.stream().filter(o -> o.endNanos() >= sinceNanos)
                .mapToLong(o -> (o.endNanos() - o.startNanos()) / 1_000_000).max().orElse(0);
    }

    /** The ids acknowledged so far. */
    Set<Long> acknowledged() {
        return Set.copyOf(acknowledged);
    }

    long failedCalls() {
        return outcomes.stream().filter(o -> !o.acknowledged()).count();
    }

    /** Stops the thread after its current call and closes the clients. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(ProcessCluster.DEADLINE.toMillis());
        clients.values().forEach(TimestreamWriteClient::close);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
