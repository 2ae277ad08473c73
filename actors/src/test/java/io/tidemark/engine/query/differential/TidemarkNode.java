package io.tidemark.engine.query.differential;

import io.tidemark.engine.Engine;
import io.tidemark.engine.ManualClock;
import io.tidemark.engine.catalog.MagneticStoreWriteProperties;
import io.tidemark.engine.catalog.RetentionProperties;
import io.tidemark.engine.metering.TableUsage;
import io.tidemark.engine.query.QueryService.QueryResult;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.write.RecordInput;
import io.tidemark.engine.write.WriteOutcome;
import io.tidemark.engine.write.WriteRecordsRequest;
import io.tidemark.sql.analyzer.OutputColumn;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One single-node engine for a whole test class, on a hand-moved clock: creates the database and
 * tables, writes records (failing on any rejection, so a data set is never silently smaller than
 * its mirror), moves data to the magnetic tier, and runs SQL into {@link SqlRows}.
 */
public final class TidemarkNode implements AutoCloseable {

    private static final long QUERY_TIMEOUT_SECONDS = 30;

    private final Engine engine;
    private final ManualClock clock;
    private final String database;

    private TidemarkNode(Engine engine, ManualClock clock, String database) {
        this.engine = engine;
        this.clock = clock;
        this.database = database;
    }

    /** Starts a node under {@code dataDir} with one database; two shards per table so fragments really fan out. */
    public static TidemarkNode start(Path dataDir, ManualClock clock, String database) {
        Engine engine = Engine.start(Engine.singleNodeConfig(dataDir, Map.of(
                "tidemark.engine.catalog.shards-per-table", 2,
                "tidemark.engine.tier.migration-interval", "1h",
                "tidemark.engine.tier.retention-interval", "1h")), clock);
        TidemarkNode node = new TidemarkNode(engine, clock, database);
        await(engine.catalog().createDatabase(database, null, List.of()));
        return node;
    }

    public Engine engine() {
        return engine;
    }

    public ManualClock clock() {
        return clock;
    }

    public String database() {
        return database;
    }

    public void createTable(String table, RetentionProperties retention, boolean magneticWrites) {
        await(engine.catalog().createTable(database, table, retention,
                new MagneticStoreWriteProperties(magneticWrites, null), null, List.of()));
    }

    /** Writes the records in requests of at most 100 (Timestream's limit); every record must be accepted. */
    public void write(String table, List<RecordInput> records) {
        for (int from = 0; from < records.size(); from += 100) {
            List<RecordInput> part = records.subList(from, Math.min(records.size(), from + 100));
            WriteOutcome outcome = await(engine.writeRecords(new WriteRecordsRequest(database, table, null, part)));
            if (outcome.hasRejections()) {
                throw new AssertionError("cannot load test data: table=" + table + ", rejected="
                        + outcome.rejected() + ", first rejected record=" + part.get(outcome.rejected().get(0).recordIndex()));
            }
        }
    }

    /** Writes records that may be rejected and returns the outcome. */
    public WriteOutcome tryWrite(String table, List<RecordInput> records) {
        return await(engine.writeRecords(new WriteRecordsRequest(database, table, null, records)));
    }

    public void migrateNow() {
        await(engine.migrateNow());
    }

    public TableUsage usage(String table) {
        return await(engine.usage(database, table));
    }

    /** Runs {@code sql}; a failing query throws its cause (an EngineException or a function's error). */
    public SqlRows query(String sql) {
        return toRows(run(sql));
    }

    /** Runs {@code sql} expecting it to fail and returns the failure. */
    public RuntimeException queryFailure(String sql) {
        QueryResult result;
        try {
            result = run(sql);
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("expected the query to fail: " + sql + "\nbut it returned " + toRows(result));
    }

    private QueryResult run(String sql) {
        return await(engine.query(sql));
    }

    private static SqlRows toRows(QueryResult result) {
        List<String> names = new ArrayList<>();
        for (OutputColumn column : result.columns()) {
            names.add(column.name());
        }
        Batch batch = result.rows();
        List<List<Object>> rows = new ArrayList<>(batch.rowCount());
        for (int r = 0; r < batch.rowCount(); r++) {
            List<Object> row = new ArrayList<>(batch.columnCount());
            for (int c = 0; c < batch.columnCount(); c++) {
                row.add(SqlRows.normalize(batch.column(c).get(r)));
            }
            rows.add(row);
        }
        return new SqlRows(names, rows);
    }

    static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(QUERY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            while (cause instanceof CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(cause);
        } catch (TimeoutException e) {
            throw new AssertionError("no answer within " + QUERY_TIMEOUT_SECONDS + " s", e);
        }
    }

    @Override
    public void close() {
        engine.close();
    }
}
