package io.tidemark.http.wire.write;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidemark.engine.Engine;
import io.tidemark.engine.write.DimensionInput;
import io.tidemark.engine.write.DimensionsCache;
import io.tidemark.engine.write.MeasureValueInput;
import io.tidemark.engine.write.RecordInput;
import io.tidemark.engine.write.RejectedRecord;
import io.tidemark.engine.write.RecordsIngested;
import io.tidemark.engine.write.WriteOutcome;
import io.tidemark.engine.write.WriteRecordsBuilder;
import io.tidemark.engine.write.WriteRecordsRequest;
import io.tidemark.http.wire.BodyOperation;
import io.tidemark.http.wire.Members;
import io.tidemark.http.wire.Operation;
import io.tidemark.http.wire.OperationGroup;
import io.tidemark.http.wire.WireError;
import io.tidemark.http.wire.WireJson;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * WriteRecords. The members are handed to the engine as text, exactly as the wire gives them: the
 * engine owns Timestream's validation and rejection rules. The body is streamed into the engine's
 * {@link WriteRecordsBuilder} by a {@link WriteRecordsReader} (one per thread, sharing one
 * {@link DimensionsCache}); a body of another shape (malformed, a member of the wrong type or
 * given twice …) is read as a tree instead, which words the error exactly as for every other
 * operation. A write with rejected records answers RejectedRecordsException (HTTP 419) with them;
 * the other records of the request are written.
 */
public final class WriteRecordsOperation implements OperationGroup {

    /** Timestream's own message for a write with rejections. */
    static final String REJECTED_MESSAGE = "One or more records have been rejected. See RejectedRecords for details.";

    /** Distinct Dimensions lists remembered (about 1.5 KB each for a ten-tag host). */
    static final int CACHED_DIMENSION_LISTS = 20_000;

    private final Engine engine;
    private final ThreadLocal<WriteRecordsReader> readers;

    public WriteRecordsOperation(Engine engine) {
        this.engine = engine;
        DimensionsCache dimensions = new DimensionsCache(CACHED_DIMENSION_LISTS);
        this.readers = ThreadLocal.withInitial(() -> new WriteRecordsReader(dimensions));
    }

    @Override
    public Map<String, Operation> operations() {
        return Map.of();
    }

    @Override
    public Map<String, BodyOperation> bodyOperations() {
        return Map.of("WriteRecords", this::write);
    }

    private CompletionStage<ObjectNode> write(byte[] body, int length, String authority) {
        WriteRecordsBuilder streamed = engine.newWriteRecords();
        if (readers.get().read(body, length, streamed)) {
            return engine.writeRecords(streamed).thenApply(WriteRecordsOperation::render);
        }
        WriteRecordsRequest request = request(Members.root(WireJson.readBody(body, length)));
        return engine.writeRecords(request).thenApply(WriteRecordsOperation::render);
    }

    /** A request body read as a tree, in object form: the reading of a body the streaming reader does not take. */
    static WriteRecordsRequest request(Members m) {
        String database = m.requiredString("DatabaseName");
        String table = m.requiredString("TableName");
        Members common = m.object("CommonAttributes");
        List<RecordInput> records = m.objects("Records", r -> record(r));
        if (records == null) {
            throw m.missing("Records");
        }
        return new WriteRecordsRequest(database, table, common == null ? null : record(common), records);
    }

    private static RecordInput record(Members r) {
        return new RecordInput(
                r.objects("Dimensions", d -> new DimensionInput(d.string("Name"), d.string("Value"),
                        d.string("DimensionValueType"))),
                r.string("MeasureName"),
                r.string("MeasureValue"),
                r.string("MeasureValueType"),
                r.string("Time"),
                r.string("TimeUnit"),
                r.longValue("Version"),
                r.objects("MeasureValues", v -> new MeasureValueInput(v.string("Name"), v.string("Value"),
                        v.string("Type"))));
    }

    private static ObjectNode render(WriteOutcome outcome) {
        if (outcome.hasRejections()) {
            ObjectNode extra = WireJson.object();
            ArrayNode rejected = extra.putArray("RejectedRecords");
            for (RejectedRecord r : outcome.rejected()) {
                ObjectNode item = rejected.addObject();
                item.put("RecordIndex", r.recordIndex());
                item.put("Reason", r.reason());
                if (r.hasExistingVersion()) {
                    item.put("ExistingVersion", r.existingVersion());
                }
            }
            throw new WireError(419, "RejectedRecordsException", REJECTED_MESSAGE, extra).exception();
        }
        RecordsIngested ingested = outcome.ingested();
        ObjectNode out = WireJson.object();
        out.putObject("RecordsIngested")
                .put("Total", ingested.total())
                .put("MemoryStore", ingested.memoryStore())
                .put("MagneticStore", ingested.magneticStore());
        return out;
    }
}
