package io.tidemark.loadtest.load;

import io.tidemark.loadtest.bench.BenchmarkServer;
import io.tidemark.loadtest.compare.DataSet;
import io.tidemark.loadtest.compare.DiskUsage;
import io.tidemark.loadtest.drill.WireClient;
import io.tidemark.loadtest.tsbs.TsbsVocabulary;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A Tidemark node in this JVM ({@link BenchmarkServer}, as {@code ./tidemark serve} configures it)
 * as a sweep system, for runs without the server jar: fed line protocol, its memory the heap in
 * use after a full GC (the loader shares the heap, but holds nothing between calls), its disk the
 * data directory after the node closed.
 */
final class InProcessTidemark implements SweepSystem {

    static final String DATABASE = "sweep";
    private static final Duration CALL_TIMEOUT = Duration.ofMinutes(2);

    private BenchmarkServer server;
    private Path dataDir;
    private long baseline;

    @Override
    public String name() {
        return "tidemark-in-process";
    }

    @Override
    public void start(Path dir, DataSet data, PrintWriter out) throws IOException {
        dataDir = Files.createDirectories(dir.resolve("tidemark-data"));
        server = BenchmarkServer.start(dataDir, 0);
        baseline = heapAfterGc();
    }

    @Override
    public IngestTarget target() {
        return IngestTarget.TIDEMARK_LP;
    }

    @Override
    public URI endpoint() {
        return server.endpoint();
    }

    @Override
    public String database() {
        return DATABASE;
    }

    /** Acknowledged writes are visible: checks the count. */
    @Override
    public void flush(DataSet data, PrintWriter out) throws IOException, InterruptedException {
        List<List<String>> rows = new WireClient(server.endpoint(), CALL_TIMEOUT).query("SELECT count(*) FROM \""
                + DATABASE + "\".\"" + TsbsVocabulary.MEASUREMENT + "\"");
        long seen = Long.parseLong(rows.get(0).get(0));
        if (seen != data.rows()) {
            throw new IOException("cannot see every row in tidemark: expected=" + data.rows() + ", seen=" + seen);
        }
    }

    @Override
    public long memoryBytes() {
        return heapAfterGc();
    }

    @Override
    public long baselineMemoryBytes() {
        return baseline;
    }

    @Override
    public String memoryAccounting() {
        return "heap in use after a full GC, this JVM (node and loader)";
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    @Override
    public long diskBytes() throws IOException, InterruptedException {
        return DiskUsage.allocated(List.of(dataDir));
    }

    private static long heapAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
