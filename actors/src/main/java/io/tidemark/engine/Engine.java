package io.tidemark.engine;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.tidemark.engine.catalog.CatalogService;
import io.tidemark.engine.catalog.TableDescription;
import io.tidemark.engine.catalog.TableStatus;
import io.tidemark.engine.metering.EngineMeters;
import io.tidemark.engine.metering.TableUsage;
import io.tidemark.engine.query.EngineSchemaProvider;
import io.tidemark.engine.query.QueryService;
import io.tidemark.engine.query.QueryService.QueryResult;
import io.tidemark.engine.query.QuerySettings;
import io.tidemark.engine.query.aggregate.BuiltinAggregates;
import io.tidemark.engine.query.fragment.FragmentRunner;
import io.tidemark.engine.query.fragment.ShardFragmentRunner;
import io.tidemark.engine.query.fragment.remote.AnswerHolder;
import io.tidemark.engine.query.fragment.ShardFragmentScan;
import io.tidemark.engine.query.fragment.remote.FragmentRebuilder;
import io.tidemark.engine.query.fragment.remote.NodeFragmentHost;
import io.tidemark.engine.query.function.ScalarFunctionRegistry;
import io.tidemark.engine.query.plan.Planner;
import io.tidemark.engine.scan.ScannedSeries;
import io.tidemark.engine.scan.TableScanner;
import io.tidemark.engine.shard.FirstReadTimeout;
import io.tidemark.engine.shard.SeriesShardService;
import io.tidemark.engine.shard.fragment.FragmentControl;
import io.tidemark.engine.subscription.SubscriptionService;
import io.tidemark.engine.subscription.SubscriptionSettings;
import io.tidemark.engine.subscription.TableWritten;
import io.tidemark.engine.tier.MagneticNotices;
import io.tidemark.engine.tier.MagneticTier;
import io.tidemark.engine.tier.MigrationProgress;
import io.tidemark.engine.tier.RetentionJanitor;
import io.tidemark.engine.tier.TierMigrator;
import io.tidemark.engine.tier.TierSettings;
import io.tidemark.engine.tier.TierSingleton;
import io.tidemark.engine.write.IngestBatch;
import io.tidemark.engine.write.RecordConverter;
import io.tidemark.engine.write.ShardPartCut;
import io.tidemark.engine.write.WriteCoordinator;
import io.tidemark.engine.write.WriteLimits;
import io.tidemark.engine.write.WriteOutcome;
import io.tidemark.engine.write.WriteRecordsBuilder;
import io.tidemark.engine.write.WriteRecordsRequest;
import io.tidemark.storage.fileio.FileIo;
import io.tidemark.storage.journal.ShardJournal;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;

/**
 * The in-process API of a Tidemark node: the one object the HTTP layer, the load-test harness and
 * tests hold. It starts the actor system as a cluster (of one, by default), the catalog, the
 * series-shard region, the tier migrator and the retention janitor, and offers the operations
 * across them: catalog management ({@link #catalog()}), writes in Timestream's shape or as
 * columnar batches, scans over both tiers, SQL queries ({@link #queries()}, {@link #query}),
 * table deletion, and usage.
 */
public final class Engine implements AutoCloseable {

    private final ActorSystem<Void> system;
    private final EngineSettings settings;
    private final EngineMeters meters;
    private final MagneticTier magnetic;
    private final CatalogService catalog;
    private final SeriesShardService shards;
    private final WriteCoordinator writes;
    private final TableScanner scanner;
    private final ShardFragmentRunner fragments;
    private final NodeFragmentHost fragmentHost;
    private final QueryService queries;
    private final MigrationProgress migration;
    private final SubscriptionService subscriptions;
    private final ActorRef<TierSingleton.Command> magneticWriter;

    private Engine(ActorSystem<Void> system, Clock clock) {
        this.system = system;
        Config config = system.settings().config();
        this.settings = EngineSettings.fromConfig(config);
        if (config.getBoolean("tidemark.cluster.self-join")) {
            Cluster cluster = Cluster.get(system);
            cluster.manager().tell(Join.create(cluster.selfMember().address()));
        }
        this.meters = new EngineMeters();
        TierSettings tier = TierSettings.fromConfig(config);
        this.migration = new MigrationProgress(clock.millis());
        MagneticNotices magneticNotices = MagneticNotices.start(system);
        this.magnetic = new MagneticTier(FileIo.DEFAULT, MagneticTier.rootDir(config), clock, meters, tier.compaction(),
                magneticNotices::publish);
        magneticNotices.watch(magnetic, migration);
        this.catalog = CatalogService.start(system, clock);
        this.shards = SeriesShardService.init(system, settings.dataDir(), clock, magnetic, meters);
        this.writes = new WriteCoordinator(catalog, shards, meters,
                new RecordConverter(WriteLimits.fromConfig(config)), clock, settings.memoryBudgetBytes(),
                this::acknowledged, ShardPartCut.maxPartBytes(config));
        FirstReadTimeout firstRead = FirstReadTimeout.fromConfig(config);
        this.scanner = new TableScanner(shards, magnetic, clock,
                system.dispatchers().lookup(DispatcherSelector.blocking()), firstRead);
        QuerySettings query = QuerySettings.fromConfig(config);
        this.fragments = new ShardFragmentRunner(catalog, shards, magnetic, clock,
                system.dispatchers().lookup(DispatcherSelector.blocking()), query.fragmentTimeout(),
                config.getBoolean("tidemark.engine.query.chunk-stats"), firstRead,
                config.getBoolean("tidemark.engine.query.ship-fragments"), FragmentControl.start(system),
                ShardFragmentScan.ChunkHook.fromConfig(config));
        Planner planner = new Planner(ScalarFunctionRegistry.builtin(), BuiltinAggregates.instance());
        this.fragmentHost = fragments.host(new FragmentRebuilder(new EngineSchemaProvider(catalog, settings.askTimeout()),
                planner::plan), query.memoryLimitBytes(), AnswerHolder.start(system, clock, query.memoryLimitBytes()));
        shards.hostFragments(fragmentHost);
        this.queries = QueryService.start(system, catalog, fragments, planner::plan, query, settings.askTimeout(), clock);
        this.subscriptions = SubscriptionService.start(system, queries::execute, SubscriptionSettings.fromConfig(config),
                clock);
        this.magneticWriter = TierSingleton.init(system, shards, magnetic, catalog::tables, clock, tier, migration,
                magneticNotices);
    }

    /**
     * Starts a node from {@code config} (which should include {@code tidemark/single-node.conf} or
     * a cluster config) and waits until its catalog is recovered and interrupted table deletions
     * are finished.
     */
    public static Engine start(Config config, Clock clock) {
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "tidemark", config);
        try {
            Engine engine = new Engine(system, clock);
            engine.await(engine.catalog.ready());
            engine.finishInterruptedDeletions();
            return engine;
        } catch (RuntimeException e) {
            system.terminate();
            throw e;
        }
    }

    /** A single node storing under {@code dataDir}, on the system clock, with every other setting default. */
    public static Engine start(Path dataDir) {
        return start(singleNodeConfig(dataDir, Map.of()), Clock.systemUTC());
    }

    /** The single-node configuration with {@code tidemark.data-dir} and the given keys overridden. */
    public static Config singleNodeConfig(Path dataDir, Map<String, Object> overrides) {
        Config custom = ConfigFactory.parseMap(overrides)
                .withFallback(ConfigFactory.parseMap(Map.of("tidemark.data-dir", dataDir.toAbsolutePath().toString())));
        return ConfigFactory.load(custom.withFallback(ConfigFactory.parseResources("tidemark/single-node.conf")));
    }

    /** Databases, tables, tags and schemas. Delete tables through {@link #deleteTable}, which also removes their data. */
    public CatalogService catalog() {
        return catalog;
    }

    /** Timestream's WriteRecords: durable once the stage completes; per-record rejections in the outcome. */
    public CompletionStage<WriteOutcome> writeRecords(WriteRecordsRequest request) {
        return writes.writeRecords(request);
    }

    /** An empty WriteRecords request for a reader to feed record by record, with this engine's write limits. */
    public WriteRecordsBuilder newWriteRecords() {
        return writes.newWriteRecords();
    }

    /** Timestream's WriteRecords as a reader fed it: the same rules, outcome and errors as the object form. */
    public CompletionStage<WriteOutcome> writeRecords(WriteRecordsBuilder request) {
        return writes.writeRecords(request);
    }

    /**
     * An empty columnar batch for a table (the fast path: no per-record objects).
     *
     * @throws EngineException NOT_FOUND when the table does not exist or is being deleted
     */
    public IngestBatch newBatch(String database, String table) {
        return writes.newBatch(database, table, 0);
    }

    /**
     * {@link #newBatch(String, String)} for a caller that knows how many records it will add: the
     * batch makes room for them up front instead of growing its columns as they arrive.
     */
    public IngestBatch newBatch(String database, String table, int expectedRecords) {
        return writes.newBatch(database, table, expectedRecords);
    }

    /** Writes a batch from {@link #newBatch}; durable once the stage completes. */
    public CompletionStage<WriteOutcome> write(IngestBatch batch) {
        return writes.write(batch);
    }

    /** The points of a table with time in {@code [fromNanos, toNanos]}, both tiers merged. */
    public CompletionStage<List<ScannedSeries>> scan(String database, String table, long fromNanos, long toNanos) {
        return catalog.describeTable(database, table).thenCompose(t -> scanner.scan(t, fromNanos, toNanos));
    }

    /** Timestream's Query (paged), CancelQuery and PrepareQuery. */
    public QueryService queries() {
        return queries;
    }

    /** Runs a SQL statement to its whole result (no paging), for in-process users. */
    public CompletionStage<QueryResult> query(String sql) {
        return queries.execute(sql);
    }

    /** Live SQL subscriptions: results kept current as acknowledged writes change them. */
    public SubscriptionService subscriptions() {
        return subscriptions;
    }

    /** Runs query fragments where the table's data lives: every shard's memory store and the magnetic store. */
    public FragmentRunner fragments() {
        return fragments;
    }

    /** Runs the query fragments other nodes (and this one) send to this node's shards. */
    public NodeFragmentHost fragmentHost() {
        return fragmentHost;
    }

    /** Deletes a table and all its data: memory store, journals and magnetic segments. */
    public CompletionStage<Void> deleteTable(String database, String table) {
        return catalog.beginDeleteTable(database, table).thenCompose(this::removeData);
    }

    /** The table's metered usage on this node. */
    public CompletionStage<TableUsage> usage(String database, String table) {
        return catalog.describeTable(database, table).thenApply(t -> meters.table(t.tableId()).usage());
    }

    /**
     * Runs the tier migrator now (it also runs on its own schedule), on whichever node of the
     * cluster runs it; completes when the run is done.
     */
    public CompletionStage<TierMigrator.MigrationSummary> migrateNow() {
        return AskPattern.ask(magneticWriter, TierSingleton.MigrateNow::new, settings.askTimeout(), system.scheduler());
    }

    /**
     * Runs the retention janitor now (it also runs on its own schedule), on whichever node of the
     * cluster runs it; completes when the run is done.
     */
    public CompletionStage<RetentionJanitor.RetentionSummary> expireNow() {
        return AskPattern.ask(magneticWriter, TierSingleton.ExpireNow::new, settings.askTimeout(), system.scheduler());
    }

    /** When each shard last migrated to the magnetic tier, for the node's metrics. */
    public MigrationProgress migrationProgress() {
        return migration;
    }

    public EngineSettings settings() {
        return settings;
    }

    public EngineMeters meters() {
        return meters;
    }

    public ActorSystem<Void> system() {
        return system;
    }

    /** Every acknowledged write reaches the live queries over its table, with its time range. */
    private void acknowledged(TableDescription table, long minTimeNanos, long maxTimeNanos) {
        subscriptions.tableWritten(new TableWritten(table.databaseName(), table.tableName(), minTimeNanos, maxTimeNanos));
    }

    /** Stops the node: shards close their journals (synced), the actor system terminates. */
    @Override
    public void close() {
        system.terminate();
        try {
            system.getWhenTerminated().toCompletableFuture().get(settings.askTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw EngineException.internal("cannot stop engine: actor system did not terminate", e);
        } finally {
            magnetic.close();
        }
    }

    private CompletionStage<Void> removeData(TableDescription table) {
        List<CompletableFuture<Void>> dropped = new ArrayList<>();
        for (int s = 0; s < table.shardCount(); s++) {
            dropped.add(shards.drop(table.tableId(), s).toCompletableFuture());
        }
        return CompletableFuture.allOf(dropped.toArray(CompletableFuture[]::new)).thenCompose(done -> {
            try {
                FileIo.DEFAULT.deleteTree(ShardJournal.tableDirectory(settings.dataDir(), table.tableId()));
            } catch (IOException e) {
                throw EngineException.internal("cannot delete the data of table: tableId=" + table.tableId(), e);
            }
            return deleteMagnetic(table.tableId());
        }).thenCompose(done -> {
            meters.remove(table.tableId());
            migration.forget(table.tableId());
            return catalog.finishDeleteTable(table.tableId());
        });
    }

    /** The magnetic writer deletes the table's segments, once for the whole cluster (they are shared). */
    private CompletionStage<Void> deleteMagnetic(String tableId) {
        return AskPattern.<TierSingleton.Command, TierSingleton.TableDeleted>ask(magneticWriter,
                replyTo -> new TierSingleton.DeleteTable(tableId, replyTo), settings.askTimeout(), system.scheduler())
                .thenApply(deleted -> {
                    if (!deleted.succeeded()) {
                        throw EngineException.internal("cannot delete the magnetic data of table: tableId=" + tableId
                                + ", cause=" + deleted.failure(), null);
                    }
                    return null;
                });
    }

    /** A table left DELETING by a crash has its data removed before the node serves. */
    private void finishInterruptedDeletions() {
        for (TableDescription table : catalog.tables()) {
            if (table.status() == TableStatus.DELETING) {
                await(removeData(table));
            }
        }
    }

    private <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(settings.askTimeout().toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw EngineException.internal("interrupted while starting engine", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException && e.getCause().getCause() != null
                    ? e.getCause().getCause() : e.getCause();
            if (cause instanceof EngineException ee) {
                throw ee;
            }
            throw EngineException.internal("cannot start engine: " + cause, cause);
        } catch (TimeoutException e) {
            throw EngineException.internal("cannot start engine: timed out", e);
        }
    }
}
