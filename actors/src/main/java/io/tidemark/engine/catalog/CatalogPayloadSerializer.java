package io.tidemark.engine.catalog;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/**
 * Base of the Kryo serializers of the catalog's persisted types: writes {@link #FORMAT_VERSION}
 * before the fields and refuses any other version on read. Bytes specified in
 * docs/formats/catalog-events.md.
 */
abstract class CatalogPayloadSerializer<T> extends Serializer<T> {

    /** First byte after the class id of every event and snapshot; a new field means a new version. */
    static final int FORMAT_VERSION = 1;

    abstract void writeFields(Output out, T value);

    abstract T readFields(Input in);

    @Override
    public final void write(Kryo kryo, Output out, T value) {
        out.writeByte(FORMAT_VERSION);
        writeFields(out, value);
    }

    @Override
    public final T read(Kryo kryo, Input in, Class<? extends T> type) {
        int version = in.readByte();
        if (version != FORMAT_VERSION) {
            throw new KryoException("cannot read " + type.getSimpleName() + ": formatVersion=" + version
                    + " (expected " + FORMAT_VERSION + ")");
        }
        return readFields(in);
    }
}
