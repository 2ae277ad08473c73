package io.tidemark.http.wire;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The JSON mapper of the wire API and the value renderings the model prescribes. */
public final class WireJson {

    /**
     * Bodies are read as trees so each member's JSON type is checked by {@link Members}. Nesting is
     * capped: no request shape is deeper than a few levels, and a deep body must not exhaust the stack.
     */
    public static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
            .build()).build();

    private WireJson() {
    }

    /**
     * A request body as a tree; an empty body reads as an empty object.
     *
     * @throws WireException SerializationException when the body is not JSON
     */
    public static JsonNode readBody(byte[] body) {
        return readBody(body, body.length);
    }

    /**
     * The request body {@code body[0, length)} as a tree; an empty body reads as an empty object.
     *
     * @throws WireException SerializationException when the body is not JSON
     */
    public static JsonNode readBody(byte[] body, int length) {
        if (length == 0) {
            return object();
        }
        try {
            JsonNode json = MAPPER.readTree(body, 0, length);
            return json == null || json.isMissingNode() ? object() : json;
        } catch (JacksonException e) {
            throw WireError.serialization("cannot read request: malformed JSON: " + e.getOriginalMessage()).exception();
        } catch (IOException e) {
            throw WireError.serialization("cannot read request: " + e.getMessage()).exception();
        }
    }

    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** An already completed answer. */
    public static CompletionStage<ObjectNode> done(ObjectNode output) {
        return CompletableFuture.completedFuture(output);
    }

    /**
     * A {@code timestamp} member: the model gives no timestampFormat, so AWS JSON 1.0 sends epoch
     * seconds as a number, with the milliseconds as a fraction ({@code 1700000000.123}).
     */
    public static BigDecimal timestamp(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli(), 3);
    }

    /** Puts {@code value} unless it is null: absent members are omitted, never sent as null. */
    public static void putIfPresent(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }
}
