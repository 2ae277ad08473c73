package io.tidemark.http.metrics;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.tidemark.engine.Engine;
import io.tidemark.engine.ErrorKind;
import io.tidemark.engine.mailbox.MailboxDepths;
import io.tidemark.engine.metering.QueryMeter;
import io.tidemark.engine.subscription.SubscriptionMetrics;
import io.tidemark.engine.tier.MigrationProgress;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Locale;
import java.util.Set;
import org.apache.pekko.actor.typed.javadsl.Adapter;

/**
 * The metrics of one node, on a registry this object owns (never the JVM-global default, so two
 * nodes in one JVM keep theirs apart): HTTP requests ({@link RequestMetrics}), per-table ingest,
 * storage, journal and tier-migration series ({@link TableMetrics}), statements run, failed and
 * bytes scanned, the memory-store total against its budget, live subscriptions
 * ({@link SubscriptionMetrics}), Pekko dispatchers ({@link DispatcherMetrics}), mailbox depths per actor
 * group ({@link MailboxMetrics}) and the JVM's own
 * ({@code jvm_*}, {@code process_*}). Everything but the request series is read when scraped, from
 * counters the engine keeps anyway; a scrape asks no actor.
 */
public final class NodeMetrics {

    private static final PrometheusTextFormatWriter TEXT = PrometheusTextFormatWriter.create();

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final RequestMetrics requests;

    /**
     * @param endpoints the paths the server serves (see {@link RequestMetrics})
     * @param operations the wire API's operation names
     */
    public NodeMetrics(Engine engine, Clock clock, Set<String> endpoints, Set<String> operations) {
        this.requests = new RequestMetrics(registry, endpoints, operations);
        new TableMetrics(engine.catalog()::tables, engine.meters(), engine.migrationProgress(),
                engine.settings().dataDir(), clock).register(registry);
        registerQueries(engine.queries().meter());
        registerNode(engine);
        registerSubscriptions(engine.subscriptions().metrics());
        new DispatcherMetrics(engine.system()).register(registry);
        new MailboxMetrics(MailboxDepths.of(Adapter.toClassic(engine.system()))).register(registry);
        JvmMetrics.builder().register(registry);
    }

    public RequestMetrics requests() {
        return requests;
    }

    public String contentType() {
        return TEXT.getContentType();
    }

    /** Every series, in the Prometheus text format 0.0.4. */
    public byte[] scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
        try {
            TEXT.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write metrics", e);
        }
        return out.toByteArray();
    }

    private void registerQueries(QueryMeter meter) {
        CounterWithCallback.builder().name("tidemark_queries").help("SQL statements run (succeeded or failed).")
                .callback(callback -> {
                    long failed = 0;
                    for (ErrorKind kind : ErrorKind.values()) {
                        failed += meter.failedCount(kind);
                    }
                    callback.call(meter.succeededCount() + failed);
                }).register(registry);
        CounterWithCallback.builder().name("tidemark_queries_failed")
                .help("SQL statements that failed, by error kind (validation includes SQL errors).")
                .labelNames("kind").callback(callback -> {
                    for (ErrorKind kind : ErrorKind.values()) {
                        callback.call(meter.failedCount(kind), kind.name().toLowerCase(Locale.ROOT));
                    }
                }).register(registry);
        CounterWithCallback.builder().name("tidemark_query_scanned_bytes")
                .help("Bytes the fragments of successful statements scanned.")
                .callback(callback -> callback.call(meter.bytesScanned())).register(registry);
    }

    private void registerNode(Engine engine) {
        GaugeWithCallback.builder().name("tidemark_memory_store_node_bytes")
                .help("Heap bytes of every table's memory store on this node; writes are throttled past the budget.")
                .callback(callback -> callback.call(engine.meters().memoryStoreBytes())).register(registry);
        GaugeWithCallback.builder().name("tidemark_memory_store_budget_bytes")
                .help("The node's memory-store budget (tidemark.engine.memory-store.budget).")
                .callback(callback -> callback.call(engine.settings().memoryBudgetBytes())).register(registry);
        MigrationProgress migration = engine.migrationProgress();
        CounterWithCallback.builder().name("tidemark_tier_migration_failures")
                .help("Shard migrations to the magnetic store that failed (each is retried at the next pass).")
                .callback(callback -> callback.call(migration.failedShards())).register(registry);
        CounterWithCallback.builder().name("tidemark_tier_migrated_points")
                .help("Points moved from memory stores to the magnetic store.")
                .callback(callback -> callback.call(migration.migratedPoints())).register(registry);
    }

    private void registerSubscriptions(SubscriptionMetrics subscriptions) {
        GaugeWithCallback.builder().name("tidemark_subscriptions_live").help("WebSocket subscribers connected now.")
                .callback(callback -> callback.call(subscriptions.subscribers())).register(registry);
        GaugeWithCallback.builder().name("tidemark_subscription_queries_live")
                .help("Distinct live queries evaluated now (subscribers of one query share its evaluation).")
                .callback(callback -> callback.call(subscriptions.liveQueries())).register(registry);
        GaugeWithCallback.builder().name("tidemark_subscription_max_lag_seconds")
                .help("Age of the oldest acknowledged write whose effect subscribers have not been handed yet.")
                .callback(callback -> callback.call(subscriptions.lagMillis() / 1000.0)).register(registry);
        CounterWithCallback.builder().name("tidemark_subscription_evaluations")
                .help("Live-query evaluations run (first results, incremental and full re-evaluations).")
                .callback(callback -> callback.call(subscriptions.evaluations())).register(registry);
        CounterWithCallback.builder().name("tidemark_subscription_slow_closed")
                .help("Subscribers closed because they did not keep up.")
                .callback(callback -> callback.call(subscriptions.slowSubscribersClosed())).register(registry);
    }
}
