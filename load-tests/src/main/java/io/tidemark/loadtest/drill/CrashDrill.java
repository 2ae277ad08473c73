package io.tidemark.loadtest.drill;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The crash drill: a real node process takes multi-measure WriteRecords calls from several writer
 * threads, is killed with SIGKILL at a random moment, restarts on the same data directory, and
 * must still hold every record it acknowledged (200), each whole; records of calls that were in
 * flight at the kill may be present or absent, but whole. Repeated for a number of cycles, and
 * every earlier cycle is checked again after each restart.
 *
 * <p>Each writer sends its calls one after the other, so the records it saw acknowledged in a
 * cycle are a prefix of what it sent: a {@link Ledger} per cycle and writer keeps the sequence
 * numbers sent and acknowledged. After a restart the drill counts rows and non-null measures per
 * cycle and writer in one query; the current cycle, and any earlier one whose counts changed, is
 * then read back row by row ({@link DrillRecords#cycleQuery}).
 */
public final class CrashDrill {

    static final String DATABASE = "drill";
    static final String TABLE = "records";
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    /**
     * @param runMin shortest time writers run before the kill
     * @param runMax longest time writers run before the kill
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

    /** What one writer sent and saw acknowledged in one cycle: sequence numbers [firstSeq, sentEnd) and [firstSeq, ackedEnd). */
    private static final class Ledger {
        final long firstSeq;
        volatile long sentEnd;
        volatile long ackedEnd;
        /** The counts row last seen for this cycle and writer; an unchanged one needs no new read. */
        List<String> verifiedCounts;
        final Set<Long> lost = new HashSet<>();
        final Set<String> halfWritten = new HashSet<>();

        Ledger(long firstSeq) {
            this.firstSeq = firstSeq;
            this.sentEnd = firstSeq;
            this.ackedEnd = firstSeq;
        }
    }

    private final Options options;
    private final DrillRecords records;
    /** Per cycle, per writer. */
    private final Map<Integer, Ledger[]> ledgers = new TreeMap<>();
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
        out.printf(Locale.ROOT, "crash-drill: %d cycles, %d writers, %d records per call, kill after %d..%d ms;"
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
            for (int cycle = 1; cycle <= options.cycles(); cycle++) {
                long runMillis = random.nextLong(options.runMin().toMillis(), options.runMax().toMillis() + 1);
                Ledger[] cycleLedgers = new Ledger[options.writers()];
                for (int w = 0; w < cycleLedgers.length; w++) {
                    cycleLedgers[w] = new Ledger(nextSeq[w]);
                }
                ledgers.put(cycle, cycleLedgers);
                List<Future<String>> writers = startWriters(threads, node, cycle, cycleLedgers);
                Thread.sleep(runMillis);
                long killedPid = node.pid();
                node.kill();
                List<String> writerErrors = awaitWriters(writers);
                for (int w = 0; w < cycleLedgers.length; w++) {
                    nextSeq[w] = cycleLedgers[w].sentEnd;
                }
                long t0 = System.nanoTime();
                node = NodeProcess.start(options.serverJar(), dataDir, log, options.nodeJvmOptions());
                double restartSeconds = (System.nanoTime() - t0) / 1e9;
                verify(new WireClient(node.endpoint(), CALL_TIMEOUT), cycle);
                printCycle(out, cycle, runMillis, killedPid, restartSeconds, cycleLedgers, writerErrors);
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

    private List<Future<String>> startWriters(ExecutorService threads, NodeProcess node, int cycle, Ledger[] cycleLedgers) {
        List<Future<String>> writers = new ArrayList<>();
        for (int w = 0; w < cycleLedgers.length; w++) {
            int writer = w;
            Ledger ledger = cycleLedgers[w];
            WireClient client = new WireClient(node.endpoint(), CALL_TIMEOUT);
            writers.add(threads.submit(() -> write(client, writer, cycle, ledger)));
        }
        return writers;
    }

    /**
     * Sends calls until one fails; returns why it stopped, {@code null} when the node went away
     * (the expected end of a cycle), else the unexpected answer.
     */
    private String write(WireClient client, int writer, int cycle, Ledger ledger) throws InterruptedException {
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
            } catch (java.util.concurrent.TimeoutException e) {
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
        for (Map.Entry<Integer, Ledger[]> e : ledgers.entrySet()) {
            int cycle = e.getKey();
            Ledger[] cycleLedgers = e.getValue();
            boolean changed = cycle == currentCycle;
            for (int w = 0; w < cycleLedgers.length && !changed; w++) {
                List<String> now = counts.get(cycle + "/" + DrillRecords.writerName(w));
                changed = !java.util.Objects.equals(now, cycleLedgers[w].verifiedCounts);
            }
            if (changed) {
                readBack(client, cycle, cycleLedgers);
            }
            for (int w = 0; w < cycleLedgers.length; w++) {
                cycleLedgers[w].verifiedCounts = counts.get(cycle + "/" + DrillRecords.writerName(w));
            }
        }
    }

    /** Reads one cycle's rows and books every acknowledged record missing and every row not whole. */
    private void readBack(WireClient client, int cycle, Ledger[] cycleLedgers) throws IOException, InterruptedException {
        List<Set<Long>> present = new ArrayList<>();
        for (int w = 0; w < cycleLedgers.length; w++) {
            present.add(new HashSet<>());
        }
        for (List<String> row : client.query(records.cycleQuery(cycle))) {
            int writer = writerIndex(row.get(0));
            Ledger ledger = writer >= 0 && writer < cycleLedgers.length ? cycleLedgers[writer] : null;
            long seq = DrillRecords.isWhole(row) ? Long.parseLong(row.get(1)) : -1;
            if (ledger == null || seq < ledger.firstSeq || seq >= ledger.sentEnd) {
                // not whole, or not a record any writer sent: half-written either way
                (ledger != null ? ledger : cycleLedgers[0]).halfWritten.add(cycle + ":" + row);
            } else {
                present.get(writer).add(seq);
            }
        }
        for (int w = 0; w < cycleLedgers.length; w++) {
            Ledger ledger = cycleLedgers[w];
            for (long seq = ledger.firstSeq; seq < ledger.ackedEnd; seq++) {
                if (!present.get(w).contains(seq)) {
                    ledger.lost.add(seq);
                }
            }
        }
    }

    private static int writerIndex(String writer) {
        if (writer == null || !writer.startsWith("w")) {
            return -1;
        }
        try {
            return Integer.parseInt(writer.substring(1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void printCycle(PrintWriter out, int cycle, long runMillis, long killedPid, double restartSeconds,
            Ledger[] cycleLedgers, List<String> writerErrors) {
        long sent = 0;
        long acked = 0;
        for (Ledger l : cycleLedgers) {
            sent += l.sentEnd - l.firstSeq;
            acked += l.ackedEnd - l.firstSeq;
        }
        Result total = result();
        out.printf(Locale.ROOT, "cycle %d/%d: killed pid %d after %d ms; acked %d of %d records sent; restarted and"
                        + " healthy in %.1f s; total acked=%d acked_lost=%d half_written=%d%n", cycle, options.cycles(),
                killedPid, runMillis, acked, sent, restartSeconds, total.acked(), total.ackedLost(),
                total.halfWritten());
        for (String error : writerErrors) {
            out.println("  unexpected answer before the kill: " + error);
        }
        out.flush();
    }

    private Result result() {
        long acked = 0;
        long lost = 0;
        long half = 0;
        for (Ledger[] cycleLedgers : ledgers.values()) {
            for (Ledger l : cycleLedgers) {
                acked += l.ackedEnd - l.firstSeq;
                lost += l.lost.size();
                half += l.halfWritten.size();
            }
        }
        return new Result(ledgers.size(), acked, lost, half);
    }
}
