package io.tidemark.engine.query.aggregate;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/**
 * One group's partial state of an object-state aggregate, as its intermediate vector (of type
 * UNKNOWN) holds it: either the live state object with the {@link StateCodec} that merges and
 * writes it (a fragment run in this JVM), or the bytes that codec wrote on another node (a fragment
 * output read off the wire), which the final aggregate merges without an intermediate object.
 */
public final class PartialState {

    private final StateKind kind;
    private final StateCodec<Object> codec;
    private final Object live;
    private final byte[] written;

    private PartialState(StateKind kind, StateCodec<Object> codec, Object live, byte[] written) {
        this.kind = kind;
        this.codec = codec;
        this.live = live;
        this.written = written;
    }

    @SuppressWarnings("unchecked")
    static <S> PartialState of(StateCodec<S> codec, S state) {
        return new PartialState(codec.kind(), (StateCodec<Object>) codec, state, null);
    }

    /** A state as {@link #bytes} wrote it on another node. */
    public static PartialState written(StateKind kind, byte[] bytes) {
        return new PartialState(kind, null, null, bytes);
    }

    public StateKind kind() {
        return kind;
    }

    /** The state's wire form (written afresh for a live state: a state is written once per fragment output). */
    public byte[] bytes() {
        if (written != null) {
            return written;
        }
        Output out = new Output(64, -1);
        codec.write(out, live);
        return out.toBytes();
    }

    /** Folds this state into {@code target}, a state of {@code into}'s aggregate. */
    @SuppressWarnings("unchecked")
    <S> void mergeInto(StateCodec<S> into, S target) {
        if (kind != into.kind()) {
            throw new IllegalStateException("cannot merge aggregation state: kind=" + kind + ", aggregate expects "
                    + into.kind());
        }
        if (written == null) {
            into.merge(target, (S) live);
            return;
        }
        Input in = new Input(written);
        into.mergeWritten(target, in);
        if (in.position() != written.length) {
            throw new KryoException("cannot read aggregation state: bytes left over, kind=" + kind + ", length="
                    + written.length + ", read=" + in.position());
        }
    }

    @Override
    public String toString() {
        return "PartialState[" + kind + (written == null ? ", live" : ", " + written.length + " bytes") + "]";
    }
}
