package io.tidemark.http.launcher;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.tidemark.engine.Engine;
import io.tidemark.http.server.HttpSettings;
import io.tidemark.http.server.TidemarkServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./tidemark serve}: starts a single node and serves until SIGTERM/SIGINT, then unbinds
 * and closes the engine (journals synced) before the JVM exits. Settings come, highest first,
 * from the command-line options, the {@code --config} file, and the embedded defaults
 * ({@code tidemark/single-node.conf} and every module's {@code reference.conf}).
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Start a Tidemark node serving the Timestream wire API over HTTP.")
public final class ServeCommand implements Callable<Integer> {

    @Option(names = "--port", description = "Listen port (default: tidemark.http.port, 8080; 0 picks a free port).")
    Integer port;

    @Option(names = "--bind", description = "Listen interface (default: tidemark.http.bind, 127.0.0.1).")
    String bind;

    @Option(names = "--data-dir", description = "Data directory (default: tidemark.data-dir, ./data).")
    Path dataDir;

    @Option(names = "--config", description = "HOCON file overriding the embedded defaults.")
    Path configFile;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ServeCommand()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        Config config = config();
        HttpSettings settings = HttpSettings.fromConfig(config);
        Engine engine = Engine.start(config, Clock.systemUTC());
        TidemarkServer server;
        try {
            server = TidemarkServer.start(engine, settings, Clock.systemUTC());
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
                System.out.println("tidemark: stopped (listener unbound, journals synced)");
            } finally {
                stopped.countDown();
            }
        }, "tidemark-shutdown"));
        System.out.println("tidemark: serving on http://" + settings.bind() + ":" + server.localAddress().getPort()
                + " (data: " + config.getString("tidemark.data-dir") + ")");
        stopped.await();
        return 0;
    }

    /** The node's configuration: options over the file over the embedded defaults. */
    Config config() {
        Map<String, Object> options = new HashMap<>();
        if (port != null) {
            options.put("tidemark.http.port", port);
        }
        if (bind != null) {
            options.put("tidemark.http.bind", bind);
        }
        if (dataDir != null) {
            options.put("tidemark.data-dir", dataDir.toAbsolutePath().toString());
        }
        Config file = ConfigFactory.empty();
        if (configFile != null) {
            if (!Files.isReadable(configFile)) {
                throw new CommandLine.ParameterException(new CommandLine(this),
                        "cannot read config: file=" + configFile.toAbsolutePath());
            }
            file = ConfigFactory.parseFile(configFile.toFile());
        }
        Config custom = ConfigFactory.parseMap(options).withFallback(file);
        return ConfigFactory.load(custom.withFallback(ConfigFactory.parseResources("tidemark/single-node.conf")));
    }
}
