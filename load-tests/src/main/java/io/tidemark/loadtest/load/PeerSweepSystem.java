package io.tidemark.loadtest.load;

import io.tidemark.loadtest.compare.DataSet;
import io.tidemark.loadtest.compare.Peer;
import io.tidemark.loadtest.compare.TidemarkPeer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;

/**
 * A comparison peer ({@link Peer}: Tidemark's server jar, VictoriaMetrics, InfluxDB, QuestDB) as a
 * sweep system: installed when missing, started as its own process on a free loopback port, fed
 * line protocol on its write URL, flushed as the comparison flushes it, its peak RSS (VmHWM)
 * sampled, stopped by its PID.
 */
final class PeerSweepSystem implements SweepSystem {

    private final Peer peer;
    private long baseline;

    PeerSweepSystem(Peer peer) {
        this.peer = peer;
    }

    @Override
    public String name() {
        return peer.name();
    }

    @Override
    public void start(Path dir, DataSet data, PrintWriter out) throws IOException, InterruptedException {
        peer.install(out);
        peer.start(dir);
        peer.bodies(data, dir); // creates Tidemark's table; the bodies themselves are streamed instead
        baseline = peer.peakRssBytes();
    }

    @Override
    public IngestTarget target() {
        return IngestTarget.LP;
    }

    @Override
    public URI endpoint() {
        return peer.writeUri();
    }

    @Override
    public String database() {
        return "";
    }

    @Override
    public void flush(DataSet data, PrintWriter out) throws IOException, InterruptedException {
        peer.flush(data, out);
    }

    @Override
    public long memoryBytes() {
        return peer.peakRssBytes();
    }

    @Override
    public long baselineMemoryBytes() {
        return baseline;
    }

    @Override
    public String memoryAccounting() {
        return peer instanceof TidemarkPeer ? "peak RSS of the server process (default JVM heap)"
                : "peak RSS of the server process";
    }

    @Override
    public void stop() throws InterruptedException {
        peer.stop();
    }

    @Override
    public long diskBytes() throws IOException, InterruptedException {
        return peer.diskBytes();
    }
}
