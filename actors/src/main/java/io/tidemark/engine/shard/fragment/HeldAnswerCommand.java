package io.tidemark.engine.shard.fragment;

import io.tidemark.storage.serialization.KryoSerializable;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;

/**
 * What the querying node asks of the node that ran a fragment and holds the rest of its answer,
 * when the answer was too large for one message and went back in parts: the owning node's query
 * engine keeps the parts and hands them out one at a time, in order, so neither side buffers more
 * than the output it produced or accepted (the query side's holder implements the receiving end).
 */
public interface HeldAnswerCommand extends KryoSerializable {

    /**
     * Asks for part {@code index} (0 is the one the shard answered with) of answer {@code answerId};
     * the holder drops each part once it is sent.
     */
    record NextPart(long answerId, int index, ActorRef<StatusReply<FragmentAnswer>> replyTo)
            implements HeldAnswerCommand {
    }

    /** Drops what is still held of answer {@code answerId}: the querying node stopped reading it. */
    record Release(long answerId) implements HeldAnswerCommand {
    }
}
