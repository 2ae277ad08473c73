package io.tidemark.http.cluster;

import java.net.URI;
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

    /** One WriteRecords call's outcome. */
    record Outcome(long nanos, boolean acknowledged) {
    }

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
            outcomes.add(new Outcome(System.nanoTime(), ok));
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
     * How long after {@code sinceNanos} writes stayed unavailable: from {@code sinceNanos} to the
     * first acknowledged call after the last failed one (0 when no call failed).
     */
    long outageMillisSince(long sinceNanos) {
        long lastFailure = Long.MIN_VALUE;
        for (Outcome o : outcomes) {
            if (o.nanos() >= sinceNanos && !o.acknowledged()) {
                lastFailure = o.nanos();
            }
        }
        if (lastFailure == Long.MIN_VALUE) {
            return 0;
        }
        for (Outcome o : outcomes) {
            if (o.nanos() > lastFailure && o.acknowledged()) {
                return (o.nanos() - sinceNanos) / 1_000_000;
            }
        }
        throw new AssertionError("no write was acknowledged after the last failure");
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
