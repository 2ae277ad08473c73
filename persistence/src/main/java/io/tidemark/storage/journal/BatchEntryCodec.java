package io.tidemark.storage.journal;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.tidemark.storage.queue.EntryFrame;
import io.tidemark.storage.queue.RejectedEntryException;
import io.tidemark.storage.serialization.KryoPool;

/**
 * Turns a {@link WriteBatch} into a whole {@link JournalEntryType#BATCH} frame (header and Kryo
 * body) and back. The frame is built in one reused buffer, so encoding allocates nothing per
 * append once the buffer has grown to the batch size. Not thread-safe.
 */
final class BatchEntryCodec {

    /** Spells "TMJE" on disk (little-endian u32): the first bytes of every shard journal frame. */
    static final int MAGIC = 0x454A4D54;

    private static final int INITIAL_BUFFER = 4096;
    private static final int MAX_FRAME_BYTES = EntryFrame.HEADER_BYTES + EntryFrame.MAX_BODY_BYTES;

    private final KryoPool kryo;
    private final Output out = new Output(INITIAL_BUFFER, MAX_FRAME_BYTES);

    BatchEntryCodec(KryoPool kryo) {
        this.kryo = kryo;
    }

    /**
     * Encodes {@code batch} as a frame in {@link #buffer()} and returns its length.
     *
     * @throws RejectedEntryException if the body would exceed {@link EntryFrame#MAX_BODY_BYTES}
     */
    int encode(WriteBatch batch) {
        out.setPosition(EntryFrame.HEADER_BYTES);
        try {
            kryo.with(k -> k.writeClassAndObject(out, batch));
        } catch (KryoException e) {
            throw new RejectedEntryException("cannot append batch: serialized size exceeds limit, table="
                    + batch.tableId() + ", shard=" + batch.shard() + ", rows=" + batch.rowCount() + ", maxPayload="
                    + EntryFrame.MAX_BODY_BYTES, e);
        }
        int length = out.position();
        EntryFrame.seal(out.getBuffer(), MAGIC, JournalEntryType.BATCH.id(), length - EntryFrame.HEADER_BYTES);
        return length;
    }

    /** The bytes of the frame last encoded; valid until the next {@link #encode}. */
    byte[] buffer() {
        return out.getBuffer();
    }

    /**
     * Decodes the batch of the first {@code length} bytes of {@code frame}, a sound batch frame.
     *
     * @throws KryoException if the body does not decode
     * @throws IllegalStateException if it decodes to another class
     */
    WriteBatch decode(byte[] frame, int length) {
        Object[] decoded = new Object[1];
        try (Input in = new Input(frame, EntryFrame.HEADER_BYTES, length - EntryFrame.HEADER_BYTES)) {
            kryo.with(k -> decoded[0] = k.readClassAndObject(in));
        }
        if (!(decoded[0] instanceof WriteBatch)) {
            throw new IllegalStateException("batch entry holds another class: "
                    + (decoded[0] == null ? "null" : decoded[0].getClass().getName()));
        }
        return (WriteBatch) decoded[0];
    }
}
