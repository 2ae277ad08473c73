package io.tidemark.engine.query.aggregate;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.tidemark.storage.serialization.KryoCounts;

/** A set of longs in one open-addressed array (linear probing), so adding a hash boxes nothing. */
final class LongHashSet {

    private long[] slots = new long[16];
    private boolean[] used = new boolean[16];
    private int size;

    int size() {
        return size;
    }

    void add(long value) {
        if (size * 2 >= slots.length) {
            rehash();
        }
        int mask = slots.length - 1;
        int slot = (int) (value ^ (value >>> 32)) & mask;
        while (used[slot]) {
            if (slots[slot] == value) {
                return;
            }
            slot = (slot + 1) & mask;
        }
        used[slot] = true;
        slots[slot] = value;
        size++;
    }

    void addAll(LongHashSet other) {
        for (int i = 0; i < other.slots.length; i++) {
            if (other.used[i]) {
                add(other.slots[i]);
            }
        }
    }

    /** {@code count <varint> value <8>*}, in slot order (a set: no reader depends on the order). */
    void write(Output out) {
        out.writeVarInt(size, true);
        for (int i = 0; i < slots.length; i++) {
            if (used[i]) {
                out.writeLong(slots[i]);
            }
        }
    }

    /** Adds every value of a set {@link #write} wrote. */
    void addWritten(Input in) {
        int count = KryoCounts.readCount(in, "aggregation state", "distinct hashes");
        for (int i = 0; i < count; i++) {
            add(in.readLong());
        }
    }

    private void rehash() {
        long[] oldSlots = slots;
        boolean[] oldUsed = used;
        slots = new long[oldSlots.length * 2];
        used = new boolean[oldSlots.length * 2];
        size = 0;
        for (int i = 0; i < oldSlots.length; i++) {
            if (oldUsed[i]) {
                add(oldSlots[i]);
            }
        }
    }
}
