package io.tidemark.engine.query.aggregate;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/**
 * One group's partial state of an object-state aggregate, as its intermediate vector (of type
 * UNKNOWN) holds it: either the live state object with the {@link StateCodec} that merges and
 * writes it (a fragment run in this JVM), or the bytes that codec wrote on another node (a fragment
 * output read off the wire), which the final aggregate merges without an intermediate object. A
 * live state is written once, when first needed (sizing the output, then sending it take the same
 * bytes): writing may change the state object (a t-digest compresses), and a second writing could
 * differ from the first.
 */
public final class PartialState {

    private final StateKind kind;
    private final StateCodec<Object> codec;
    private final Object live;
    /** The wire form: read off the wire, or the live state's once written (then no longer merged live). */
    private volatile byte[] written;

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

    /** The state's wire form. */
    public byte[] bytes() {
        byte[] bytes = written;
        if (bytes == null) {
            synchronized (this) {
                bytes = written;
                if (bytes == null) {
                    Output out = new Output(64, -1);
                    codec.write(out, live);
                    bytes = out.toBytes();
                    written = bytes;
                }
            }
        }
        return bytes;
    }

    /**
     * Folds this state into {@code target}, a state of {@code into}'s aggregate: the live state as it
     * is, else from its bytes (a live state already written merges as what was written).
     */
    @SuppressWarnings("unchecked")
    <S> void mergeInto(StateCodec<S> into, S target) {
        if (kind != into.kind()) {
            throw new IllegalStateException("cannot merge aggregation state: kind=" + kind + ", aggregate expects "
                    + into.kind());
        }
        byte[] bytes = written;
        if (bytes == null) {
            into.merge(target, (S) live);
            return;
        }
        Input in = new Input(bytes);
        into.mergeWritten(target, in);
        if (in.position() != bytes.length) {
            throw new KryoException("cannot read aggregation state: bytes left over, kind=" + kind + ", length="
                    + bytes.length + ", read=" + in.position());
        }
    }

    @Override
    public String toString() {
        byte[] bytes = written;
        return "PartialState[" + kind + (bytes == null ? ", live" : ", " + bytes.length + " bytes") + "]";
    }
}
