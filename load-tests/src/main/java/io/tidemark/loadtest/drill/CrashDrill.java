package io.tidemark.loadtest.drill;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The crash drill: a real node process takes multi-measure WriteRecords calls from several writer
 * threads, is killed with SIGKILL at a random moment after its first acknowledgement, restarts on the same data directory, and
 * must still hold every record it acknowledged (200), each whole; records of calls that were in
 * flight at the kill may be present or absent, but whole. Repeated for a number of cycles, and
 * every earlier cycle is checked again after each restart.
 *
 * <p>A {@link CycleLedger} per cycle keeps what each writer sent and saw acknowledged. After a
 * restart the drill counts rows and non-null measures per cycle and writer in one query; the
 * current cycle, and any earlier one whose counts changed, is then read back row by row
 * ({@link DrillRecords#cycleQuery}).
 */
public final class CrashDrill {

    static final String DATABASE = "drill";
    static final String TABLE = "records";
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    /**
     * @param runMin shortest time from the cycle's first acknowledged call to the kill
     * @param runMax longest time from the cycle's first acknowledged call to the kill
     * @param workDir holds the node's data directory ({@code data/}) and output ({@code node.log})
     */
    public record Options(int cycles, int writers, long seed, int recordsPerCall, Duration runMin, Duration runMax,
            Path serverJar, Path workDir, List<String> nodeJvmOptions) {
        public Options {
            if (cycles < 1 || writers < 1 || recordsPerCall < 1 || runMin.isNegative() || runMax.compareTo(runMin) < 0) {
                throw new IllegalArgumentException("cannot run the crash drill: cycles=" + cycles + ", writers="
                        + writers + ", recordsPerCall=" + recordsPerCall + ", runMin=" + runMin + ", runMax=" + runMax
                        + " (cycles, writers and records per call at least 1, runMin <= runMax)");
            }
            nodeJvmOptions = List.copyOf(nodeJvmOptions);
        }
    }

    /** What the drill found over all cycles. */
    public record Result(int cycles, long acked, long ackedLost, long halfWritten) {
        public boolean passed() {
            return ackedLost == 0 && halfWritten == 0;
        }
    }

    private final Options options;
    private final DrillRecords records;
    private final List<CycleLedger> ledgers = new ArrayList<>();
    private final long[] nextSeq;

    public CrashDrill(Options options) {
        this.options = options;
        long origin = (System.currentTimeMillis() - TimeUnit.HOURS.toMillis(1)) / 1000 * 1000;
        this.records = new DrillRecords(DATABASE, TABLE, origin);
        this.nextSeq = new long[options.writers()];
    }

    public Result run(PrintWriter out) throws IOException, InterruptedException {
        Path dataDir = options.workDir().resolve("data");
        Path log = options.workDir().resolve("node.log");
        Files.createDirectories(options.workDir());
        SplittableRandom random = new SplittableRandom(options.seed());
        out.printf(Locale.ROOT, "crash-drill: %d cycles, %d writers, %d records per call, kill %d..%d ms after a cycle's first ack;"
                        + " data %s; load average %.2f on %d cores%n", options.cycles(), options.writers(),
                options.recordsPerCall(), options.runMin().toMillis(), options.runMax().toMillis(), dataDir,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        out.flush();
        NodeProcess node = NodeProcess.start(options.serverJar(), dataDir, log, options.nodeJvmOptions());
        ExecutorService threads = Executors.newFixedThreadPool(options.writers(), r -> {
            Thread t = new Thread(r, "crash-drill-writer");
            t.setDaemon(true);
            return t;
        });
        try {
            WireClient admin = new WireClient(node.endpoint(), CALL_TIMEOUT);
            admin.ensureDatabase(DATABASE);
            admin.ensureTable(DATABASE, TABLE, 24);
            primeSchema(admin);
            for (int cycle = 1; cycle <= options.cycles(); cycle++) {
                long runMillis = random.nextLong(options.runMin().toMillis(), options.runMax().toMillis() + 1);
                CycleLedger ledger = new CycleLedger(cycle, nextSeq);
                ledgers.add(ledger);
                List<Future<String>> writers = startWriters(threads, node, ledger);
                awaitFirstAck(ledger, writers);
                Thread.sleep(runMillis);
                long killedPid = node.pid();
                node.kill();
                List<String> writerErrors = awaitWriters(writers);
                for (int w = 0; w < nextSeq.length; w++) {
                    nextSeq[w] = ledger.writer(w).sentEnd;
                }
                long t0 = System.nanoTime();
                node = NodeProcess.start(options.serverJar(), dataDir, log, options.nodeJvmOptions());
                double restartSeconds = (System.nanoTime() - t0) / 1e9;
                verify(new WireClient(node.endpoint(), CALL_TIMEOUT), cycle);
                printCycle(out, ledger, runMillis, killedPid, restartSeconds, writerErrors);
            }
        } finally {
            threads.shutdownNow();
            node.close();
        }
        Result result = result();
        out.printf(Locale.ROOT, "crash-drill cycles=%d writers=%d acked=%d acked_lost=%d half_written=%d%n",
                result.cycles(), options.writers(), result.acked(), result.ackedLost(), result.halfWritten());
        out.flush();
        return result;
    }

    /**
     * Waits until some call of the cycle was acknowledged, so that the kill always finds the node
     * with acknowledged records: a freshly started node's first calls can take longer than the
     * whole write phase on a busy machine.
     */
    private static void awaitFirstAck(CycleLedger ledger, List<Future<String>> writers) throws InterruptedException {
        long deadline = System.nanoTime() + CALL_TIMEOUT.toNanos();
        while (ledger.acked() == 0 && System.nanoTime() < deadline && writers.stream().anyMatch(f -> !f.isDone())) {
            Thread.sleep(5);
        }
    }

    /**
     * Writes one record in cycle 0, which no check looks at: the table's columns exist only once a
     * record named them, and the checks' queries must resolve them even when a node is killed
     * before it acknowledged anything.
     */
    private void primeSchema(WireClient admin) throws IOException, InterruptedException {
        WireClient.Response r = admin.call("WriteRecords", records.body(0, 0, 0, 1));
        if (!r.ok()) {
            throw new IOException("cannot write the schema's first record: status=" + r.status() + ", body="
                    + WireClient.abbreviate(r.body()));
        }
    }

    private List<Future<String>> startWriters(ExecutorService threads, NodeProcess node, CycleLedger ledger) {
        List<Future<String>> writers = new ArrayList<>();
        for (int w = 0; w < ledger.writerCount(); w++) {
            int writer = w;
            WireClient client = new WireClient(node.endpoint(), CALL_TIMEOUT);
            writers.add(threads.submit(() -> write(client, writer, ledger.cycle(), ledger.writer(writer))));
        }
        return writers;
    }

    /**
     * Sends calls until one fails; returns why it stopped, {@code null} when the node went away
     * (the expected end of a cycle), else the unexpected answer.
     */
    private String write(WireClient client, int writer, int cycle, CycleLedger.Writer ledger) throws InterruptedException {
        for (long seq = ledger.firstSeq; ; seq += options.recordsPerCall()) {
            byte[] body = records.body(writer, cycle, seq, options.recordsPerCall());
            ledger.sentEnd = seq + options.recordsPerCall();
            WireClient.Response response;
            try {
                response = client.call("WriteRecords", body);
            } catch (IOException e) {
                return null;
            }
            if (!response.ok()) {
                return "writer " + DrillRecords.writerName(writer) + ": status=" + response.status() + ", body="
                        + WireClient.abbreviate(response.body());
            }
            ledger.ackedEnd = seq + options.recordsPerCall();
        }
    }

    private static List<String> awaitWriters(List<Future<String>> writers) throws InterruptedException, IOException {
        List<String> errors = new ArrayList<>();
        for (Future<String> f : writers) {
            try {
                String error = f.get(2 * CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                if (error != null) {
                    errors.add(error);
                }
            } catch (ExecutionException e) {
                throw new IOException("cannot run a drill writer: " + e.getCause(), e.getCause());
            } catch (TimeoutException e) {
                throw new IOException("cannot stop a drill writer: still sending after the node was killed");
            }
        }
        return errors;
    }

    /** Checks every cycle so far against what the node holds now. */
    private void verify(WireClient client, int currentCycle) throws IOException, InterruptedException {
        Map<String, List<String>> counts = new HashMap<>();
        for (List<String> row : client.query(records.countsQuery())) {
            counts.put(row.get(0) + "/" + row.get(1), row.subList(2, row.size()));
        }
        for (CycleLedger ledger : ledgers) {
            List<List<String>> cycleCounts = new ArrayList<>();
            for (int w = 0; w < ledger.writerCount(); w++) {
                cycleCounts.add(counts.get(ledger.cycle() + "/" + DrillRecords.writerName(w)));
            }
            if (ledger.cycle() == currentCycle || ledger.countsChanged(cycleCounts)) {
                ledger.check(client.query(records.cycleQuery(ledger.cycle())));
            }
            ledger.countsVerified(cycleCounts);
        }
    }

    private void printCycle(PrintWriter out, CycleLedger ledger, long runMillis, long killedPid, double restartSeconds,
            List<String> writerErrors) {
        Result total = result();
        out.printf(Locale.ROOT, "cycle %d/%d: killed pid %d %d ms after the first ack; acked %d of %d records sent; restarted and"
                        + " healthy in %.1f s; total acked=%d acked_lost=%d half_written=%d%n", ledger.cycle(),
                options.cycles(), killedPid, runMillis, ledger.acked(), ledger.sent(), restartSeconds, total.acked(),
                total.ackedLost(), total.halfWritten());
        for (String error : writerErrors) {
            out.println("  unexpected answer before the kill: " + error);
        }
        out.flush();
    }

    private Result result() {
        long acked = 0;
        long lost = 0;
        long half = 0;
        for (CycleLedger ledger : ledgers) {
            acked += ledger.acked();
            lost += ledger.lost();
            half += ledger.halfWritten();
        }
        return new Result(ledgers.size(), acked, lost, half);
    }
}
