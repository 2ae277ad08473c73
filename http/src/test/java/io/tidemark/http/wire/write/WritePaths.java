package io.tidemark.http.wire.write;

import io.tidemark.engine.EngineException;
import io.tidemark.engine.catalog.MagneticStoreWriteProperties;
import io.tidemark.engine.catalog.PartitionKey;
import io.tidemark.engine.catalog.RetentionProperties;
import io.tidemark.engine.catalog.SchemaDelta;
import io.tidemark.engine.catalog.TableDescription;
import io.tidemark.engine.catalog.TableSchema;
import io.tidemark.engine.catalog.TableStatus;
import io.tidemark.engine.write.DimensionsCache;
import io.tidemark.engine.write.IngestBatch;
import io.tidemark.engine.write.ParsedWrite;
import io.tidemark.engine.write.RecordConverter;
import io.tidemark.engine.write.ShardPart;
import io.tidemark.engine.write.WriteLimits;
import io.tidemark.engine.write.WriteRecordsBuilder;
import io.tidemark.http.wire.Members;
import io.tidemark.http.wire.WireException;
import io.tidemark.http.wire.WireJson;
import io.tidemark.storage.journal.ValueColumn;
import io.tidemark.storage.journal.WriteBatch;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * The two readings of a WriteRecords body, reduced to comparable text: the streaming reader into
 * a {@link WriteRecordsBuilder}, and the reference (the body as a tree, in object form, through
 * {@link RecordConverter#parse}). A parsed write is described in full: rejections, schema delta,
 * every record's key, type, time and version, and the shard batches it fills.
 */
final class WritePaths {

    /** 2026-11-25T12:00:00Z: the server clock. */
    static final long NOW_MILLIS = 1_795_608_000_000L;

    static final TableDescription TABLE = table(4);

    private final WriteLimits limits;
    private final WriteRecordsReader reader;

    WritePaths(WriteLimits limits) {
        this.limits = limits;
        this.reader = new WriteRecordsReader(new DimensionsCache(1_000));
    }

    WritePaths() {
        this(WriteLimits.TIMESTREAM);
    }

    /** What the streaming reader makes of the body; "not taken" when it leaves the body to the tree reader. */
    String streamed(String json) {
        WriteRecordsBuilder builder = new WriteRecordsBuilder(limits);
        if (!reader.read(json.getBytes(StandardCharsets.UTF_8), builder)) {
            return "not taken";
        }
        try {
            return describe(builder.build());
        } catch (EngineException e) {
            return "error " + e.kind() + ": " + e.getMessage();
        }
    }

    /** Records the streaming reader has read by their bytes alone, as records of the shape it learned last. */
    long recordsReadByTemplate() {
        return reader.recordsReadByTemplate();
    }

    /** What the tree reading makes of the body. */
    String reference(String json) {
        try {
            return describe(new RecordConverter(limits).parse(WriteRecordsOperation.request(
                    Members.root(WireJson.readBody(json.getBytes(StandardCharsets.UTF_8))))));
        } catch (EngineException e) {
            return "error " + e.kind() + ": " + e.getMessage();
        } catch (WireException e) {
            return "wire error " + e.error().type() + ": " + e.error().message();
        }
    }

    static String describe(ParsedWrite parsed) {
        StringBuilder out = new StringBuilder();
        out.append("rejections ").append(parsed.rejections()).append('\n');
        out.append("schema ").append(parsed.schemaDelta()).append('\n');
        for (int i = 0; i < parsed.recordCount(); i++) {
            if (parsed.isValid(i)) {
                out.append(i).append(' ').append(parsed.seriesKey(i)).append(' ').append(parsed.measureType(i))
                        .append(" t=").append(parsed.timeNanos(i)).append(" v=").append(parsed.version(i)).append('\n');
            }
        }
        SchemaDelta delta = parsed.schemaDelta();
        IngestBatch batch = new IngestBatch(TABLE, NOW_MILLIS);
        new RecordConverter(WriteLimits.TIMESTREAM).fill(parsed,
                new TableSchema(delta.measures(), delta.attributes(), delta.dimensions()), batch);
        out.append("batch rejections ").append(batch.rejections()).append('\n');
        List<ShardPart> parts = batch.build();
        for (ShardPart p : parts) {
            out.append("shard ").append(p.shard()).append(" records ").append(Arrays.toString(p.recordIndexes()))
                    .append(" bytes ").append(Arrays.toString(p.rowBytes())).append(' ').append(p.batch()).append('\n');
            WriteBatch b = p.batch();
            for (int row = 0; row < b.rowCount(); row++) {
                out.append("  ").append(b.series(b.seriesIndex(row))).append(" t=").append(b.timeNanos(row))
                        .append(" v=").append(b.version(row));
                for (ValueColumn c : b.columns()) {
                    if (c.isPresent(row)) {
                        out.append(' ').append(c.name()).append(':').append(c.type()).append('=').append(value(c, row));
                    }
                }
                out.append('\n');
            }
        }
        return out.toString();
    }

    private static Object value(ValueColumn c, int row) {
        switch (c.type()) {
            case DOUBLE:
                return Double.doubleToRawLongBits(c.doubleAt(row)) + "(" + c.doubleAt(row) + ")";
            case BOOLEAN:
                return c.booleanAt(row);
            case VARCHAR:
                return c.stringAt(row);
            default:
                return c.longAt(row);
        }
    }

    private static TableDescription table(int shards) {
        Instant created = Instant.ofEpochMilli(NOW_MILLIS - 86_400_000L);
        return new TableDescription("db", "tbl", "t-1", "arn:aws:timestream:us-east-1:000000000000:database/db/table/tbl",
                TableStatus.ACTIVE, RetentionProperties.DEFAULT, MagneticStoreWriteProperties.DISABLED,
                List.of(PartitionKey.DEFAULT), shards, 0, created, created);
    }
}
