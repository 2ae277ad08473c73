package io.tidemark.loadtest.load;

import io.tidemark.loadtest.compare.DataSet;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;

/**
 * One system of a cardinality sweep, started fresh for every step: a peer's server process
 * ({@link PeerSweepSystem}) or a Tidemark node inside this JVM ({@link InProcessTidemark}).
 * A step calls {@link #start}, sends the data to {@link #target}/{@link #endpoint},
 * {@link #flush}, {@link #memoryBytes}, {@link #stop}, {@link #diskBytes}.
 */
interface SweepSystem {

    String name();

    /** Starts the server with its data under {@code dir}, ready to take {@code data}. */
    void start(Path dir, DataSet data, PrintWriter out) throws IOException, InterruptedException;

    /** How the data is sent. */
    IngestTarget target();

    /** Where: Tidemark's base URL, or a line-protocol write URL. */
    URI endpoint();

    /** Tidemark's database, for its targets. */
    String database();

    /** Waits until every row is durable and visible. */
    void flush(DataSet data, PrintWriter out) throws IOException, InterruptedException;

    /** The server's memory now that it holds the data (peak RSS, or the heap in use after a GC). */
    long memoryBytes();

    /** The same figure taken right after start, before any data: what holding the data adds is the difference. */
    long baselineMemoryBytes();

    /** What {@link #memoryBytes} measures. */
    String memoryAccounting();

    /** Stops the server (by its PID for a process). */
    void stop() throws InterruptedException;

    /** Bytes the data takes on disk once stopped. */
    long diskBytes() throws IOException, InterruptedException;
}
