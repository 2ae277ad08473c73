package io.tidemark.engine;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/**
 * Kryo serializer for {@link EngineException}, so a failure reported on one node (a shard's
 * {@code StatusReply.error}, a catalog refusal) arrives on the asking node with the same
 * {@link ErrorKind} and message, and the HTTP layer answers the same Timestream error wherever the
 * request landed. Pekko would otherwise send a Throwable by Java serialization, which is off.
 *
 * <p>Bytes: {@code kind <1 byte wire id> message <Kryo string> cause <Kryo string, null if none>}.
 * The cause's stack does not travel; it arrives as {@link RemoteCause} with the original's class
 * and message as text. Registered under id 440 (actors reference.conf); the layout and the kind ids
 * are part of the wire protocol (docs/architecture.md §7).
 */
public final class EngineExceptionSerializer extends Serializer<EngineException> {

    public EngineExceptionSerializer() {
        super(false, true);
    }

    /** The cause of a deserialized EngineException: what the sending node's cause was, as text. */
    public static final class RemoteCause extends RuntimeException {
        public RemoteCause(String description) {
            super(description, null, false, false);
        }
    }

    /** Stable wire id of {@code kind}; never renumber one. */
    public static byte wireId(ErrorKind kind) {
        switch (kind) {
            case VALIDATION:
                return 1;
            case NOT_FOUND:
                return 2;
            case CONFLICT:
                return 3;
            case THROTTLING:
                return 4;
            case QUOTA_EXCEEDED:
                return 5;
            case INTERNAL:
                return 6;
            default:
                throw new IllegalArgumentException("cannot serialize error kind: no wire id, kind=" + kind);
        }
    }

    /** The kind {@link #wireId} gave {@code id}. */
    public static ErrorKind kind(byte id) {
        for (ErrorKind kind : ErrorKind.values()) {
            if (wireId(kind) == id) {
                return kind;
            }
        }
        throw new KryoException("cannot read engine error: unknown kind id=" + id);
    }

    @Override
    public void write(Kryo kryo, Output out, EngineException e) {
        out.writeByte(wireId(e.kind()));
        out.writeString(e.getMessage());
        Throwable cause = e.getCause();
        out.writeString(cause == null ? null : describe(cause));
    }

    private static String describe(Throwable cause) {
        return cause instanceof RemoteCause ? cause.getMessage() : cause.toString();
    }

    @Override
    public EngineException read(Kryo kryo, Input in, Class<? extends EngineException> type) {
        ErrorKind kind = kind(in.readByte());
        String message = in.readString();
        String cause = in.readString();
        return cause == null ? new EngineException(kind, message)
                : new EngineException(kind, message, new RemoteCause(cause));
    }
}
