package io.tidemark.storage.pekko;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.tidemark.storage.serialization.KryoCounts;

/**
 * An event or snapshot as Pekko serialization produced it: the serializer's id, its manifest
 * (empty if the serializer uses none) and the bytes. Stored inline in journal and snapshot
 * entries, so the plugins never need to know the payload classes.
 */
record SerializedPayload(int serializerId, String manifest, byte[] bytes) {

    /** Writes {@code serializerId i32, manifest string, length varint, bytes}. */
    void writeTo(Output out) {
        out.writeInt(serializerId);
        StringField.write(out, manifest);
        out.writeVarInt(bytes.length, true);
        out.writeBytes(bytes);
    }

    static SerializedPayload readFrom(Input in) {
        int serializerId = in.readInt();
        String manifest = StringField.read(in);
        int length = KryoCounts.readCount(in, "serialized payload", "length");
        return new SerializedPayload(serializerId, manifest, in.readBytes(length));
    }
}
