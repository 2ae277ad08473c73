package io.tidemark.engine.shard.checkpoint;

/**
 * A shard's shared checkpoint directory holds a checkpoint this instance of the shard neither
 * loaded nor wrote: the shard has another owner now, and this one must not write there (see
 * {@link ShardCheckpoints}).
 */
public final class CheckpointTakenOverException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public CheckpointTakenOverException(String message) {
        super(message);
    }
}
