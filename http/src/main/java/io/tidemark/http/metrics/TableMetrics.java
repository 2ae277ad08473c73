package io.tidemark.http.metrics;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.tidemark.engine.catalog.TableDescription;
import io.tidemark.engine.metering.EngineMeters;
import io.tidemark.engine.metering.TableUsage;
import io.tidemark.engine.tier.MigrationProgress;
import io.tidemark.storage.checkpoint.CheckpointLayout;
import io.tidemark.storage.fileio.FileIo;
import io.tidemark.storage.journal.ShardJournal;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-table series, labelled {@code database} and {@code table}, read at scrape time from
 * what the engine already keeps (no actor is asked): the usage meters ({@link EngineMeters}), the
 * tier migrator's {@link MigrationProgress} and the sizes of the shards' journal files. One sample
 * per table in the catalog's local view.
 */
final class TableMetrics {

    private static final Logger LOG = LoggerFactory.getLogger(TableMetrics.class);
    private static final String[] LABELS = {"database", "table"};

    private final Supplier<List<TableDescription>> tables;
    private final EngineMeters meters;
    private final MigrationProgress migration;
    private final Path dataDir;
    private final Clock clock;

    TableMetrics(Supplier<List<TableDescription>> tables, EngineMeters meters, MigrationProgress migration,
            Path dataDir, Clock clock) {
        this.tables = tables;
        this.meters = meters;
        this.migration = migration;
        this.dataDir = dataDir;
        this.clock = clock;
    }

    void register(PrometheusRegistry registry) {
        usageCounter(registry, "tidemark_ingest_records", "Records accepted by writes.", TableUsage::ingestedRecords);
        usageCounter(registry, "tidemark_ingest_points",
                "Measure values accepted by writes (one per present measure of a record).", TableUsage::ingestedPoints);
        usageCounter(registry, "tidemark_ingest_bytes", "Bytes of accepted records, as Timestream meters writes.",
                TableUsage::ingestedBytes);
        usageGauge(registry, "tidemark_memory_store_bytes", "Heap bytes of the table's memory-store chunks.",
                TableUsage::memoryStoreBytes);
        usageGauge(registry, "tidemark_memory_store_points", "Points in the table's memory store.",
                TableUsage::memoryStorePoints);
        usageGauge(registry, "tidemark_magnetic_store_bytes", "Bytes of the table's magnetic segment files.",
                TableUsage::magneticStoreBytes);
        usageGauge(registry, "tidemark_magnetic_store_points",
                "Points in the table's magnetic segments (duplicates not yet compacted included).",
                TableUsage::magneticStorePoints);
        gauge(registry, "tidemark_journal_bytes", "Bytes of the table's shard journal files on disk.",
                table -> shardFileBytes(table, shard -> ShardJournal.directory(dataDir, table.tableId(), shard)));
        gauge(registry, "tidemark_memory_store_checkpoint_bytes", "Bytes of the table's memory-store checkpoint files"
                + " on disk (the memory store's chunks, written so the journals hold only what is newer).",
                table -> shardFileBytes(table, shard -> CheckpointLayout.directory(
                        ShardJournal.directory(dataDir, table.tableId(), shard).getParent())));
        gauge(registry, "tidemark_tier_migration_lag_seconds", "Seconds since the table's least recently migrated"
                + " shard last migrated to the magnetic store: how long data due for migration may have waited.",
                table -> migration.lagMillis(table.tableId(), table.shardCount(), clock.millis()) / 1000.0);
    }

    private void usageCounter(PrometheusRegistry registry, String name, String help, ToDoubleFunction<TableUsage> value) {
        CounterWithCallback.builder().name(name).help(help).labelNames(LABELS).callback(callback -> {
            for (TableDescription table : tables.get()) {
                callback.call(value.applyAsDouble(meters.table(table.tableId()).usage()), table.databaseName(),
                        table.tableName());
            }
        }).register(registry);
    }

    private void usageGauge(PrometheusRegistry registry, String name, String help, ToDoubleFunction<TableUsage> value) {
        gauge(registry, name, help, table -> value.applyAsDouble(meters.table(table.tableId()).usage()));
    }

    private void gauge(PrometheusRegistry registry, String name, String help, ToDoubleFunction<TableDescription> value) {
        GaugeWithCallback.builder().name(name).help(help).labelNames(LABELS).callback(callback -> {
            for (TableDescription table : tables.get()) {
                callback.call(value.applyAsDouble(table), table.databaseName(), table.tableName());
            }
        }).register(registry);
    }

    /** The sizes of the files in one directory per shard of the table (metadata reads only). */
    private double shardFileBytes(TableDescription table, IntFunction<Path> shardDir) {
        long total = 0;
        for (int shard = 0; shard < table.shardCount(); shard++) {
            Path dir = shardDir.apply(shard);
            try {
                for (Path file : FileIo.DEFAULT.list(dir, "*")) {
                    total += FileIo.DEFAULT.size(file);
                }
            } catch (IOException e) {
                // a file rolled away or was replaced while it was listed; the next scrape sees the new set
                LOG.debug("cannot size shard files: dir={}, cause={}", dir, e.toString());
            }
        }
        return total;
    }
}
