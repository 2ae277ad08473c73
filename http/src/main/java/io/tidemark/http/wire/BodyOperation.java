package io.tidemark.http.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.CompletionStage;

/**
 * An operation that reads its request body itself, from the raw bytes, instead of the parsed
 * tree an {@link Operation} gets: for a body too large to be worth a tree (WriteRecords streams
 * its records). Reports failures as an {@link Operation} does, including SerializationException
 * for a body that is not JSON of the expected shape.
 */
@FunctionalInterface
public interface BodyOperation {

    /**
     * @param body holds the request body in {@code [0, length)}, verified when signatures are
     *     required; not to be modified, and not to be read once this returns (the array may carry
     *     the next request's body)
     * @param authority the {@code Host} the client addressed, as {@link WireRequest#authority()}
     */
    CompletionStage<ObjectNode> invoke(byte[] body, int length, String authority);
}
