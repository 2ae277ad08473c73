package io.tidemark.engine.query.fragment.remote;

import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.shard.fragment.FragmentAnswer;
import io.tidemark.engine.shard.fragment.HeldAnswerCommand;
import java.util.Objects;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * One part of a fragment's output that did not fit one message ({@link AnswerHolder}): the rows of
 * part {@code index} of {@code count}, cut on row boundaries. The shard answers with part 0; the
 * querying node asks {@code holder} for each next one ({@link HeldAnswerCommand.NextPart}) and
 * joins them in order ({@link OutputAssembly}).
 *
 * @param bytesScanned what the whole run read (the same in every part)
 * @param answerId the holder's id of the answer
 * @param holder the owning node's keeper of the parts not yet sent
 */
public record OutputPart(Batch batch, long bytesScanned, long answerId, int index, int count,
        ActorRef<HeldAnswerCommand> holder) implements FragmentAnswer {

    public OutputPart {
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(holder, "holder");
        if (count < 2 || index < 0 || index >= count) {
            throw new IllegalArgumentException("cannot build output part: an answer in parts has at least two and"
                    + " the index is one of them, index=" + index + ", count=" + count);
        }
    }

    /** Whether another part follows this one. */
    public boolean hasNext() {
        return index + 1 < count;
    }
}
