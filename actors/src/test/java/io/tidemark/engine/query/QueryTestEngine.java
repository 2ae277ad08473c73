package io.tidemark.engine.query;

import static io.tidemark.engine.testing.BatchRows.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.engine.Engine;
import io.tidemark.engine.ManualClock;
import io.tidemark.engine.catalog.MagneticStoreWriteProperties;
import io.tidemark.engine.catalog.RetentionProperties;
import io.tidemark.engine.catalog.TableDescription;
import io.tidemark.engine.write.DimensionInput;
import io.tidemark.engine.write.MeasureValueInput;
import io.tidemark.engine.write.RecordInput;
import io.tidemark.engine.write.WriteOutcome;
import io.tidemark.engine.write.WriteRecordsRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/** A real engine for query tests (two shards per table, tier jobs only when asked) and records in Timestream's wire shape. */
public final class QueryTestEngine {

    public static final String DB = "metrics_db";

    private QueryTestEngine() {
    }

    public static Engine start(Path dataDir, ManualClock clock, Map<String, Object> overrides) {
        Map<String, Object> settings = new HashMap<>(Map.of(
                "tidemark.engine.catalog.shards-per-table", 2,
                "tidemark.engine.tier.migration-interval", "1h",
                "tidemark.engine.tier.retention-interval", "1h",
                "tidemark.engine.tier.retention-first-delay", "1h"));
        settings.putAll(overrides);
        Engine engine = Engine.start(Engine.singleNodeConfig(dataDir, settings), clock);
        await(engine.catalog().createDatabase(DB, null, List.of()));
        return engine;
    }

    public static TableDescription createTable(Engine engine, String name, RetentionProperties retention,
            boolean magneticWrites) {
        return await(engine.catalog().createTable(DB, name, retention,
                new MagneticStoreWriteProperties(magneticWrites, null), null, List.of()));
    }

    public static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }

    /** A single-measure record: dimensions given as name, value pairs. */
    /**
     * Runs {@code select WHERE where tail} and its decoded twin, which adds {@code measure_name =
     * measure_name} to the filter (a predicate no chunk statistic answers, so every row is decoded),
     * checks both give the same non-empty rows and returns them; {@code where} empty for none.
     */
    public static List<List<Object>> sameAsDecoded(Engine engine, String select, String where, String tail) {
        String fast = select + (where.isEmpty() ? "" : " WHERE " + where) + " " + tail;
        String decoded = select + " WHERE " + (where.isEmpty() ? "" : where + " AND ") + "measure_name = measure_name " + tail;
        List<List<Object>> rows = rows(await(engine.query(fast)).rows());
        assertThat(rows).as(fast).isNotEmpty().isEqualTo(rows(await(engine.query(decoded)).rows()));
        return rows;
    }

    public static RecordInput single(String measure, String type, String value, long timeMillis, String... dimensions) {
        return new RecordInput(dims(dimensions), measure, value, type, Long.toString(timeMillis), "MILLISECONDS", null,
                null);
    }

    /** A multi-measure record with a DOUBLE {@code usage} and a BIGINT {@code count}. */
    public static RecordInput multi(String measure, long timeMillis, double usage, long count, String... dimensions) {
        return new RecordInput(dims(dimensions), measure, null, "MULTI", Long.toString(timeMillis), "MILLISECONDS", null,
                List.of(new MeasureValueInput("usage", Double.toString(usage), "DOUBLE"),
                        new MeasureValueInput("count", Long.toString(count), "BIGINT")));
    }

    public static RecordInput versioned(RecordInput r, long version) {
        return new RecordInput(r.dimensions(), r.measureName(), r.measureValue(), r.measureValueType(), r.time(),
                r.timeUnit(), version, r.measureValues());
    }

    /** Writes the records (in requests of 100) and checks none was rejected. */
    public static void write(Engine engine, String table, List<RecordInput> records) {
        for (int from = 0; from < records.size(); from += 100) {
            List<RecordInput> part = records.subList(from, Math.min(records.size(), from + 100));
            WriteOutcome outcome = await(engine.writeRecords(new WriteRecordsRequest(DB, table, null, part)));
            assertThat(outcome.rejected()).as("rejected records").isEmpty();
        }
    }

    private static List<DimensionInput> dims(String... nameValues) {
        List<DimensionInput> out = new ArrayList<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            out.add(new DimensionInput(nameValues[i], nameValues[i + 1], null));
        }
        return out;
    }
}
