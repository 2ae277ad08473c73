package io.tidemark.loadtest.load;

import io.tidemark.loadtest.bench.BenchmarkServer;
import io.tidemark.storage.fileio.FileIo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One in-process node for every driver test class of a test run (a node takes seconds to start):
 * started on first use, closed and its directory deleted when the test JVM exits. Each test class
 * writes databases of its own.
 */
final class SharedNode {

    private static BenchmarkServer server;

    private SharedNode() {
    }

    /** The node's base URL; starts it on first use. */
    static synchronized URI endpoint() {
        if (server == null) {
            Path dataDir;
            try {
                dataDir = Files.createTempDirectory("tidemark-load-drivers-");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the node's data directory", e);
            }
            BenchmarkServer started = BenchmarkServer.start(dataDir, 0);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.close();
                try {
                    FileIo.DEFAULT.deleteTree(dataDir);
                } catch (IOException e) {
                    // a temporary directory left behind; nothing else to do while the JVM exits
                }
            }, "close-shared-node"));
            server = started;
        }
        return server.endpoint();
    }
}
