package io.tidemark.engine;

import io.tidemark.engine.write.DimensionInput;
import io.tidemark.engine.write.MeasureValueInput;
import io.tidemark.engine.write.RecordInput;
import io.tidemark.engine.write.WriteOutcome;
import io.tidemark.engine.write.WriteRecordsRequest;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/** Shorthands for engine tests: records in Timestream's wire shape, and waiting for stages. */
final class EngineFixture {

    private EngineFixture() {
    }

    static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }

    /** A single-measure DOUBLE record of host {@code host} at {@code timeMillis}. */
    static RecordInput cpu(String host, long timeMillis, String value) {
        return new RecordInput(List.of(new DimensionInput("host", host, null)), "cpu", value, "DOUBLE",
                Long.toString(timeMillis), "MILLISECONDS", null, null);
    }

    static RecordInput versioned(RecordInput r, long version) {
        return new RecordInput(r.dimensions(), r.measureName(), r.measureValue(), r.measureValueType(), r.time(),
                r.timeUnit(), version, r.measureValues());
    }

    /** A multi-measure record with a DOUBLE {@code usage} and a BIGINT {@code count}. */
    static RecordInput metrics(String host, long timeMillis, double usage, long count) {
        return new RecordInput(List.of(new DimensionInput("host", host, null)), "metrics", null, "MULTI",
                Long.toString(timeMillis), "MILLISECONDS", null,
                List.of(new MeasureValueInput("usage", Double.toString(usage), "DOUBLE"),
                        new MeasureValueInput("count", Long.toString(count), "BIGINT")));
    }

    static WriteOutcome write(Engine engine, String db, String table, List<RecordInput> records) {
        return await(engine.writeRecords(new WriteRecordsRequest(db, table, null, records)));
    }
}
