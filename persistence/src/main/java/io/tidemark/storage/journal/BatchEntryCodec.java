package io.tidemark.storage.journal;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.tidemark.storage.serialization.KryoPool;

/**
 * Turns a {@link WriteBatch} into a whole {@link JournalEntryType#BATCH} entry (header and Kryo
 * payload) and back. The entry is built in one reused buffer, so encoding allocates nothing per
 * append once the buffer has grown to the batch size. Not thread-safe.
 */
final class BatchEntryCodec {

    private static final int INITIAL_BUFFER = 4096;
    static final int MAX_ENTRY_SIZE = JournalEntryFormat.HEADER_SIZE + JournalEntryFormat.MAX_PAYLOAD_SIZE;

    private final KryoPool kryo;
    private final Output out = new Output(INITIAL_BUFFER, MAX_ENTRY_SIZE);

    BatchEntryCodec(KryoPool kryo) {
        this.kryo = kryo;
    }

    /**
     * Encodes {@code batch} as an entry in {@link #buffer()} and returns its length.
     *
     * @throws IllegalArgumentException if the payload would exceed {@link JournalEntryFormat#MAX_PAYLOAD_SIZE}
     */
    int encode(WriteBatch batch) {
        out.setPosition(JournalEntryFormat.HEADER_SIZE);
        try {
            kryo.with(k -> k.writeClassAndObject(out, batch));
        } catch (KryoException e) {
            throw new IllegalArgumentException("cannot append batch: serialized size exceeds limit, table="
                    + batch.tableId() + ", shard=" + batch.shard() + ", rows=" + batch.rowCount() + ", maxPayload="
                    + JournalEntryFormat.MAX_PAYLOAD_SIZE, e);
        }
        int length = out.position();
        JournalEntryFormat.sealHeader(out.getBuffer(), JournalEntryType.BATCH, length - JournalEntryFormat.HEADER_SIZE);
        return length;
    }

    /** The bytes of the entry last encoded; valid until the next {@link #encode}. */
    byte[] buffer() {
        return out.getBuffer();
    }

    /**
     * Decodes the batch of an intact batch entry ({@link JournalEntryFormat#findDamage} found
     * nothing wrong).
     *
     * @throws KryoException if the payload does not decode
     * @throws IllegalStateException if it decodes to another class
     */
    WriteBatch decode(byte[] entry, int length) {
        Object[] decoded = new Object[1];
        try (Input in = new Input(entry, JournalEntryFormat.HEADER_SIZE, length - JournalEntryFormat.HEADER_SIZE)) {
            kryo.with(k -> decoded[0] = k.readClassAndObject(in));
        }
        if (!(decoded[0] instanceof WriteBatch)) {
            throw new IllegalStateException("batch entry holds another class: "
                    + (decoded[0] == null ? "null" : decoded[0].getClass().getName()));
        }
        return (WriteBatch) decoded[0];
    }
}
