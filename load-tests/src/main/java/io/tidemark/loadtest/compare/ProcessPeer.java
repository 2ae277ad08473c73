package io.tidemark.loadtest.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A {@link Peer} that runs as one {@link PeerProcess} serving HTTP on a loopback port: what every
 * such system does the same way (starting and waiting for readiness, JSON queries, polling a count
 * until the data set is visible, peak RSS, stopping). Subclasses keep only what differs.
 */
abstract class ProcessPeer implements Peer {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final long COUNT_POLL_MILLIS = 200;

    final PeerHttp http = new PeerHttp();
    PeerProcess process;
    URI base;

    /** Reads how many rows or points the system sees now. */
    @FunctionalInterface
    interface Count {
        long read() throws IOException, InterruptedException;
    }

    /**
     * Starts {@code command} in {@code workDir} with its output in {@code workDir/logName}, serving on
     * {@code port}, and waits until the URI {@code ready} makes of the base answers {@code readyStatus}.
     */
    final void launch(List<String> command, int port, Path workDir, String logName,
            UnaryOperator<URI> ready, int readyStatus) throws IOException, InterruptedException {
        base = URI.create("http://127.0.0.1:" + port);
        process = PeerProcess.start(name(), command, workDir, Map.of(), workDir.resolve(logName));
        PeerSupport.awaitStatus(http, ready.apply(base), readyStatus, process);
    }

    /** GETs {@code path} with {@code parameters}, expects 200 and parses the body as JSON; fails naming {@code what}. */
    final JsonNode getJson(String path, Map<String, String> parameters, String what)
            throws IOException, InterruptedException {
        PeerHttp.Response response = PeerHttp.expect(http.get(PeerHttp.withQuery(base.resolve(path), parameters)),
                200, what);
        return JSON.readTree(response.body());
    }

    /**
     * Polls {@code count} until it reaches {@code expected}, failing when the process exits or
     * {@code timeout} passes first; {@code unit} names what is counted ("row", "point").
     */
    final void awaitCount(String unit, long expected, Duration timeout, Count count)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long seen = -1;
        while (System.nanoTime() < deadline) {
            process.checkAlive();
            seen = count.read();
            if (seen >= expected) {
                return;
            }
            Thread.sleep(COUNT_POLL_MILLIS);
        }
        throw new IOException("cannot see every " + unit + " in " + name() + ": expected=" + expected + ", seen=" + seen);
    }

    @Override
    public final void attach(URI endpoint, DataRange range, int hosts) throws IOException {
        base = endpoint;
        prepareQueries(range, hosts);
    }

    /** Sets up the queries over {@code range} of {@code hosts} hosts; nothing by default. */
    void prepareQueries(DataRange range, int hosts) throws IOException {
    }

    /** Posts {@code body} to {@link #writeUri()}, expecting {@code status}. */
    final void post(Path body, int status) throws IOException, InterruptedException {
        PeerHttp.expect(http.post(writeUri(), Files.readAllBytes(body), Map.of()), status, "write to " + name());
    }

    @Override
    public final long peakRssBytes() {
        return process.samplePeakRss();
    }

    @Override
    public final long cpuNanos() {
        return process.cpuNanos();
    }

    @Override
    public final void stop() throws InterruptedException {
        process.stop();
    }
}
