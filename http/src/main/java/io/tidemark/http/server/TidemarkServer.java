package io.tidemark.http.server;

import io.tidemark.engine.Engine;
import io.tidemark.engine.catalog.Arns;
import io.tidemark.http.auth.AccessControl;
import io.tidemark.http.auth.Permissions;
import io.tidemark.http.auth.SigV4Verifier;
import io.tidemark.http.metrics.MetricsRoutes;
import io.tidemark.http.metrics.NodeMetrics;
import io.tidemark.http.sql.SqlRoutes;
import io.tidemark.http.subscribe.SubscribeRoutes;
import io.tidemark.http.lineprotocol.LineProtocolAuth;
import io.tidemark.http.lineprotocol.LineProtocolRoutes;
import io.tidemark.http.lineprotocol.LineProtocolSettings;
import io.tidemark.http.wire.OperationGroup;
import io.tidemark.http.wire.TimestreamRoutes;
import io.tidemark.http.wire.UnsupportedOperations;
import io.tidemark.http.wire.account.AccountOperations;
import io.tidemark.http.wire.database.DatabaseOperations;
import io.tidemark.http.wire.query.QueryOperations;
import io.tidemark.http.wire.table.TableOperations;
import io.tidemark.http.wire.tag.TagOperations;
import io.tidemark.http.wire.write.WriteRecordsOperation;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.Materializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A serving node: the engine plus the HTTP listener on one port (the Timestream wire API on
 * {@code POST /}, SQL on {@code POST /sql}, InfluxDB line protocol on {@code POST /write} and
 * {@code /api/v2/write}, live queries on the WebSocket {@code GET /subscribe}, {@code GET /metrics},
 * {@code GET /health}, {@code /health/live} and {@code /health/ready}), every request counted and
 * timed. {@link #close()} unbinds first, lets requests in flight finish within the shutdown timeout,
 * then closes the engine (journals synced).
 */
public final class TidemarkServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TidemarkServer.class);
    /** The paths served, each its own {@code endpoint} label of the request metrics. */
    private static final Set<String> ENDPOINTS = Set.of("/", "/sql", "/write", "/api/v2/write", "/ping", "/subscribe", "/metrics", "/health", "/health/live",
            "/health/ready");
    /** How long each readiness check (catalog read, shard region query) may take. */
    private static final Duration READINESS_TIMEOUT = Duration.ofSeconds(2);

    private final Engine engine;
    private final HttpSettings settings;
    private final ServerBinding binding;
    private final NodeMetrics metrics;

    private TidemarkServer(Engine engine, HttpSettings settings, ServerBinding binding, NodeMetrics metrics) {
        this.engine = engine;
        this.settings = settings;
        this.binding = binding;
        this.metrics = metrics;
    }

    /** Binds {@code settings.bind():settings.port()} (port 0 picks a free one) in front of {@code engine}. */
    public static TidemarkServer start(Engine engine, HttpSettings settings, Clock clock) {
        Permissions permissions = new Permissions(settings.accessKeys(), arns(engine));
        Optional<AccessControl> access = settings.auth() == HttpSettings.Auth.SIGV4
                ? Optional.of(new AccessControl(new SigV4Verifier(settings.accessKeys().secrets(), clock,
                        settings.signatureMaxSkew()), permissions))
                : Optional.empty();
        List<OperationGroup> groups = List.of(
                new AccountOperations(settings.advertisedAddress()),
                new DatabaseOperations(engine.catalog()),
                new TableOperations(engine),
                new WriteRecordsOperation(engine),
                new TagOperations(engine.catalog()),
                new QueryOperations(engine.queries()),
                new UnsupportedOperations());
        Materializer materializer = Materializer.matFromSystem(engine.system());
        TimestreamRoutes wire = new TimestreamRoutes(groups, access, settings.maxBodyBytes(),
                settings.bodyTimeout().toMillis(), materializer);
        SqlRoutes sql = new SqlRoutes(engine.queries(), access, settings.maxBodyBytes(),
                settings.bodyTimeout().toMillis(), materializer);
        SubscribeRoutes subscribe = new SubscribeRoutes(engine.subscriptions(), access, materializer);
        LineProtocolRoutes lineProtocol = new LineProtocolRoutes(engine,
                LineProtocolSettings.fromConfig(engine.system().settings().config()),
                access.map(a -> new LineProtocolAuth(settings.accessKeys().secrets(), permissions)),
                settings.bodyTimeout().toMillis(),
                clock, materializer);
        NodeMetrics metrics = new NodeMetrics(engine, clock, ENDPOINTS, operationNames(groups));
        Executor blocking = engine.system().dispatchers().lookup(DispatcherSelector.blocking());
        Route route = metrics.requests().instrument(Directives.concat(
                new HealthRoutes(engine, READINESS_TIMEOUT).route(),
                new MetricsRoutes(metrics, blocking).route(),
                sql.route(),
                lineProtocol.route(),
                subscribe.route(),
                wire.route()));
        try {
            ServerBinding binding = Http.get(engine.system()).newServerAt(settings.bind(), settings.port()).bind(route)
                    .toCompletableFuture().get(settings.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS);
            LOG.info("Tidemark serving on http://{}:{} (auth={})", settings.bind(), binding.localAddress().getPort(),
                    settings.auth().name().toLowerCase(Locale.ROOT));
            return new TidemarkServer(engine, settings, binding, metrics);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("cannot bind: interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("cannot bind: address=" + settings.bind() + ":" + settings.port()
                    + ", cause=" + cause, cause);
        }
    }

    /** The node's ARNs ({@code tidemark.engine.arn}), as AccessDeniedException names resources. */
    private static Arns arns(Engine engine) {
        var config = engine.system().settings().config();
        return new Arns(config.getString("tidemark.engine.arn.region"), config.getString("tidemark.engine.arn.account-id"));
    }

    public InetSocketAddress localAddress() {
        return binding.localAddress();
    }

    public Engine engine() {
        return engine;
    }

    /** The node's metrics, served on {@code /metrics}. */
    public NodeMetrics metrics() {
        return metrics;
    }

    private static Set<String> operationNames(List<OperationGroup> groups) {
        Set<String> names = new HashSet<>();
        groups.forEach(group -> {
            names.addAll(group.operations().keySet());
            names.addAll(group.bodyOperations().keySet());
        });
        return names;
    }

    /** Unbinds, waits for requests in flight (up to the shutdown timeout), then closes the engine. */
    @Override
    public void close() {
        try {
            binding.terminate(settings.shutdownTimeout()).toCompletableFuture()
                    .get(settings.shutdownTimeout().toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("cannot unbind cleanly, closing the engine anyway: {}", e.toString());
        } finally {
            engine.close();
        }
    }
}
