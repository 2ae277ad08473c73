package io.tidemark.http.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.CompletionStage;

/**
 * One Timestream operation: reads its request members, asks the engine, renders the output
 * structure. Fails (synchronously or through the stage) with a {@link WireException} or an
 * {@code EngineException}; the front door renders either as Timestream's error.
 */
@FunctionalInterface
public interface Operation {

    CompletionStage<ObjectNode> invoke(WireRequest request);
}
