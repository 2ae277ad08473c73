package io.tidemark.storage.journal;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.tidemark.storage.queue.EntryFrame;
import io.tidemark.storage.queue.RejectedEntryException;
import io.tidemark.storage.serialization.KryoPool;

/**
 * Turns a {@link WriteBatch} into a whole {@link JournalEntryType#BATCH} frame (header and Kryo
 * body) and back. The frame is built in a buffer reused per thread, so encoding allocates nothing
 * per append once the buffer has grown to the batch size. The buffer belongs to the thread, not to
 * the codec: a node has a journal per table shard, mostly idle, and a buffer grown to a large batch
 * in each of them would stay on the heap for as long as the shard lives.
 */
final class BatchEntryCodec {

    /** Spells "TMJE" on disk (little-endian u32): the first bytes of every shard journal frame. */
    static final int MAGIC = 0x454A4D54;

    /**
     * Frame format version of the shard journal: 2 puts the entry's sequence number first in every
     * body (version 1 had none and is not read).
     */
    static final int FORMAT_VERSION = 2;

    /** Bytes of the sequence number that starts every body. */
    static final int SEQUENCE_BYTES = 8;

    private static final int INITIAL_BUFFER = 4096;
    private static final int MAX_FRAME_BYTES = EntryFrame.HEADER_BYTES + EntryFrame.MAX_BODY_BYTES;

    /** Frame buffer of each thread that appends: as many as dispatcher threads, not as journals. */
    private static final ThreadLocal<Output> FRAME = ThreadLocal.withInitial(() -> new Output(INITIAL_BUFFER,
            MAX_FRAME_BYTES));

    private final KryoPool kryo;

    BatchEntryCodec(KryoPool kryo) {
        this.kryo = kryo;
    }

    /**
     * Encodes {@code batch} as the frame of entry {@code sequence}: its bytes are the first
     * {@code position()} bytes of the returned output's buffer, this thread's, valid until the
     * thread's next {@code encode}.
     *
     * @throws RejectedEntryException if the body would exceed {@link EntryFrame#MAX_BODY_BYTES}
     */
    Output encode(WriteBatch batch, long sequence) {
        Output out = FRAME.get();
        out.setPosition(EntryFrame.HEADER_BYTES);
        putLong(out.getBuffer(), EntryFrame.HEADER_BYTES, sequence);
        out.setPosition(EntryFrame.HEADER_BYTES + SEQUENCE_BYTES);
        try {
            kryo.with(k -> k.writeClassAndObject(out, batch));
        } catch (KryoException e) {
            throw new RejectedEntryException("cannot append batch: serialized size exceeds limit, table="
                    + batch.tableId() + ", shard=" + batch.shard() + ", rows=" + batch.rowCount() + ", maxPayload="
                    + EntryFrame.MAX_BODY_BYTES, e);
        }
        EntryFrame.seal(out.getBuffer(), MAGIC, FORMAT_VERSION, JournalEntryType.BATCH.id(),
                out.position() - EntryFrame.HEADER_BYTES);
        return out;
    }

    /**
     * Decodes the batch of the first {@code length} bytes of {@code frame}, a sound batch frame.
     *
     * @throws KryoException if the body does not decode
     * @throws IllegalStateException if it decodes to another class
     */
    WriteBatch decode(byte[] frame, int length) {
        Object[] decoded = new Object[1];
        int payload = EntryFrame.HEADER_BYTES + SEQUENCE_BYTES;
        try (Input in = new Input(frame, payload, length - payload)) {
            kryo.with(k -> decoded[0] = k.readClassAndObject(in));
        }
        if (!(decoded[0] instanceof WriteBatch)) {
            throw new IllegalStateException("batch entry holds another class: "
                    + (decoded[0] == null ? "null" : decoded[0].getClass().getName()));
        }
        return (WriteBatch) decoded[0];
    }

    /** The sequence number at the start of the body of a sound shard journal frame. */
    static long sequence(byte[] frame) {
        return longAt(frame, EntryFrame.HEADER_BYTES);
    }

    static long longAt(byte[] buffer, int offset) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (buffer[offset + i] & 0xFFL);
        }
        return v;
    }

    static void putLong(byte[] buffer, int offset, long value) {
        for (int i = 0; i < 8; i++) {
            buffer[offset + i] = (byte) (value >>> (8 * i));
        }
    }
}
