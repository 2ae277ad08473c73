package io.tidemark.storage.serialization;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;

/**
 * Element counts read from bytes that may be damaged or hostile: a count is refused before
 * anything is allocated for it when it could not fit in the bytes left, since every element
 * takes at least one byte.
 */
public final class KryoCounts {

    private KryoCounts() {
    }

    /**
     * Reads a varint count, refusing one that could not fit in the bytes left.
     *
     * @param reading what is being read, for the message ("write batch", "shard reply")
     * @param field the count's field
     */
    public static int readCount(Input in, String reading, String field) {
        int count = in.readVarInt(true);
        int left = in.limit() - in.position();
        if (count < 0 || count > left) {
            throw new KryoException("cannot read " + reading + ": count exceeds payload, field=" + field
                    + ", count=" + count + ", bytesLeft=" + left);
        }
        return count;
    }
}
