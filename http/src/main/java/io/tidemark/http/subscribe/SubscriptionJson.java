package io.tidemark.http.subscribe;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.tidemark.engine.EngineException;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.subscription.SubscriptionEvent;
import io.tidemark.http.wire.WireError;
import io.tidemark.http.wire.WireJson;
import io.tidemark.http.wire.query.ResultJson;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * The WebSocket frames of {@code /subscribe} (documented in {@code docs/api.md}): one JSON object
 * per text frame, {@code type} first. Columns are Timestream's {@code ColumnInfo} and rows its
 * {@code Rows} ({@code {"Data": [Datum …]}}), exactly as the Query operation renders them.
 *
 * <pre>
 * {"type":"snapshot","columns":[ColumnInfo…],"rows":[Row…]}
 * {"type":"update","seq":n,"added":[Row…],"updated":[Row…],"removed":[Row…]}
 * {"type":"error","errorType":"ValidationException","message":"line 1:8: …"}
 * {"type":"closing","reason":"subscriber too slow"}
 * </pre>
 */
final class SubscriptionJson {

    private SubscriptionJson() {
    }

    static String render(SubscriptionEvent event) {
        StringWriter out = new StringWriter();
        try (JsonGenerator gen = WireJson.MAPPER.getFactory().createGenerator(out)) {
            gen.writeStartObject();
            if (event instanceof SubscriptionEvent.Snapshot snapshot) {
                gen.writeStringField("type", "snapshot");
                gen.writeFieldName("columns");
                ResultJson.columnInfo(snapshot.columns()).serialize(gen, null);
                writeRows(gen, "rows", snapshot.rows());
            } else if (event instanceof SubscriptionEvent.Update update) {
                gen.writeStringField("type", "update");
                gen.writeNumberField("seq", update.seq());
                writeRows(gen, "added", update.added());
                writeRows(gen, "updated", update.updated());
                writeRows(gen, "removed", update.removed());
            } else if (event instanceof SubscriptionEvent.Failed failed) {
                // through WireError, so an internal failure's details stay in the node's log
                WireError error = WireError.of(new EngineException(failed.kind(), failed.message()));
                writeError(gen, error.type(), error.message());
            } else if (event instanceof SubscriptionEvent.Closing closing) {
                gen.writeStringField("type", "closing");
                gen.writeStringField("reason", closing.reason());
            }
            gen.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render a subscription frame: event=" + event.getClass().getSimpleName(), e);
        }
        return out.toString();
    }

    /** The error frame of a refusal decided before any subscription (AccessDeniedException). */
    static String error(WireError error) {
        StringWriter out = new StringWriter();
        try (JsonGenerator gen = WireJson.MAPPER.getFactory().createGenerator(out)) {
            gen.writeStartObject();
            writeError(gen, error.type(), error.message());
            gen.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render a subscription error frame", e);
        }
        return out.toString();
    }

    /**
     * The query of a client's first frame: the {@code query} member of a JSON object, or the whole
     * text as SQL when it is not a JSON object.
     *
     * @throws IllegalArgumentException when the JSON has no string {@code query}
     */
    static String query(String frame) {
        String text = frame.strip();
        if (!text.startsWith("{")) {
            return text;
        }
        JsonNode json;
        try {
            json = WireJson.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read subscription request: malformed JSON: " + e.getMessage(), e);
        }
        JsonNode query = json.get("query");
        if (query == null || !query.isTextual()) {
            throw new IllegalArgumentException("cannot read subscription request: expected {\"query\": \"<SQL>\"}, got "
                    + (query == null ? "no member query" : "query of type " + query.getNodeType()));
        }
        return query.asText();
    }

    private static void writeError(JsonGenerator gen, String errorType, String message) throws IOException {
        gen.writeStringField("type", "error");
        gen.writeStringField("errorType", errorType);
        gen.writeStringField("message", message);
    }

    private static void writeRows(JsonGenerator gen, String name, Batch rows) throws IOException {
        gen.writeFieldName(name);
        ResultJson.rows(rows).serialize(gen, null);
    }
}
