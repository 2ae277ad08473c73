package io.tidemark.loadtest.compare;

import io.tidemark.loadtest.bench.TsbsQueries.Draw;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * One system of the comparison: a server process on a free loopback port with a fresh data
 * directory, fed the same line-protocol data and asked the same queries as every other system.
 * A run calls, in order: {@link #install}, {@link #start}, {@link #bodies}, {@link #ingest} (from
 * two threads at once), {@link #flush}, {@link #render}/{@link #query}, {@link #peakRssBytes},
 * {@link #stop}, {@link #diskBytes}.
 */
public interface Peer {

    /** Short lower-case name used in figures ({@code victoriametrics}, {@code tidemark}). */
    String name();

    /** Installs the system when it is missing (a package, a jar); prints what it does. */
    void install(PrintWriter out) throws IOException, InterruptedException;

    /** Starts the server with its data under {@code workDir} and waits until it serves. */
    void start(Path workDir) throws IOException, InterruptedException;

    /**
     * The request bodies that carry {@code data} to this system, in sending order; prepared before
     * the ingest clock starts (line protocol as generated, or another encoding of the same rows).
     */
    List<Path> bodies(DataSet data, Path workDir) throws IOException;

    /**
     * Queries a server of this kind already running at {@code endpoint} and holding cpu-only data
     * of {@code hosts} hosts over {@code range}: no process is started, so only {@link #render},
     * {@link #query} and {@link #writeUri} may follow.
     */
    void attach(URI endpoint, DataRange range, int hosts) throws IOException;

    /** Where line protocol is posted once started or attached (the body's rows, nanosecond times). */
    URI writeUri();

    /** Sends one body; safe to call from several threads. */
    void ingest(Path body) throws IOException, InterruptedException;

    /** Makes every ingested point durable on disk and visible to queries, as the system allows. */
    void flush(DataSet data, PrintWriter out) throws IOException, InterruptedException;

    /** The query {@code draw} in this system's language. */
    PeerQuery render(Draw draw);

    /** Runs {@code query} and returns its answer in the common form. */
    List<ResultRow> query(PeerQuery query, Draw draw) throws IOException, InterruptedException;

    /** Peak resident set of the server process so far, bytes. */
    long peakRssBytes();

    /** CPU time the server process has used so far (every thread), nanoseconds; -1 when unknown. */
    long cpuNanos();

    /** Stops the server by its PID (SIGTERM, SIGKILL after a timeout). */
    void stop() throws InterruptedException;

    /** Bytes the data takes on disk once stopped, counted as {@link #diskAccounting()} says. */
    long diskBytes() throws IOException, InterruptedException;

    /** What {@link #diskBytes()} counts, for the report. */
    String diskAccounting();
}
