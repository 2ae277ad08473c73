package io.tidemark.engine.catalog;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Kryo serializers of the catalog's commands ({@link CatalogActor.Command}), registered under ids
 * 360-379 in the actors module's {@code reference.conf}. Fields are written in declaration order
 * with {@link CatalogWire}'s encodings; a nullable boxed {@code Integer} as a presence byte then a
 * varint; reply-to refs with {@code writeClassAndObject} (the actor-ref serializer, id 110).
 * These bytes only travel between nodes of one release, so they carry no format version; the
 * replies are in {@link CatalogReplySerializers}.
 */
final class CatalogMessageSerializers {

    private CatalogMessageSerializers() {}

    static void writeRef(Kryo kryo, Output out, ActorRef<?> ref) {
        kryo.writeClassAndObject(out, ref);
    }

    @SuppressWarnings("unchecked")
    static <T> ActorRef<T> readRef(Kryo kryo, Input in) {
        return (ActorRef<T>) kryo.readClassAndObject(in);
    }

    static void writeOptionalInt(Output out, Integer value) {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeVarInt(value, false);
        }
    }

    static Integer readOptionalInt(Input in) {
        return in.readBoolean() ? in.readVarInt(false) : null;
    }

    /** Presence byte, then the value; for the nullable settings of CreateTable and UpdateTable. */
    private static void writeRetention(Output out, RetentionProperties r) {
        out.writeBoolean(r != null);
        if (r != null) {
            CatalogWire.writeRetention(out, r);
        }
    }

    private static RetentionProperties readRetention(Input in) {
        return in.readBoolean() ? CatalogWire.readRetention(in) : null;
    }

    private static void writeMagnetic(Output out, MagneticStoreWriteProperties m) {
        out.writeBoolean(m != null);
        if (m != null) {
            CatalogWire.writeMagnetic(out, m);
        }
    }

    private static MagneticStoreWriteProperties readMagnetic(Input in) {
        return in.readBoolean() ? CatalogWire.readMagnetic(in) : null;
    }

    private static void writeKeys(Output out, List<PartitionKey> keys) {
        out.writeBoolean(keys != null);
        if (keys != null) {
            CatalogWire.writePartitionKeys(out, keys);
        }
    }

    private static List<PartitionKey> readKeys(Input in) {
        return in.readBoolean() ? CatalogWire.readPartitionKeys(in) : null;
    }

    /** Base of the catalog's message serializers: messages are immutable, never null, never cyclic. */
    abstract static class MessageSerializer<T> extends Serializer<T> {
        MessageSerializer() {
            super(false, true);
        }

        abstract T read(Kryo kryo, Input in);

        @Override
        public final T read(Kryo kryo, Input in, Class<? extends T> type) {
            return read(kryo, in);
        }
    }

    static final class CreateDatabase extends MessageSerializer<CatalogActor.CreateDatabase> {
        @Override
        public void write(Kryo kryo, Output out, CatalogActor.CreateDatabase c) {
            out.writeString(c.name());
            out.writeString(c.kmsKeyId());
            CatalogWire.writeTags(out, c.tags());
            writeRef(kryo, out, c.replyTo());
        }

        @Override
        CatalogActor.CreateDatabase read(Kryo kryo, Input in) {
            return new CatalogActor.CreateDatabase(in.readString(), in.readString(), CatalogWire.readTags(in),
                    readRef(kryo, in));
        }
    }

    static final class DescribeDatabase extends MessageSerializer<CatalogActor.DescribeDatabase> {
        @Override
        public void write(Kryo kryo, Output out, CatalogActor.DescribeDatabase c) {
            out.writeString(c.name());
            writeRef(kryo, out, c.replyTo());
        }

        @Override
        CatalogActor.DescribeDatabase read(Kryo kryo, Input in) {
            return new CatalogActor.DescribeDatabase(in.readString(), readRef(kryo, in));
        }
    }

    static final class ListDatabases extends MessageSerializer<CatalogActor.ListDatabases> {
        @Override
        public void write(Kryo kryo, Output out, CatalogActor.ListDatabases c) {
            out.writeString(c.nextToken());
            writeOptionalInt(out, c.maxResults());
            writeRef(kryo, out, c.replyTo());
        }

        @Override
        CatalogActor.ListDatabases read(Kryo kryo, Input in) {
            return new CatalogActor.ListDatabases(in.readString(), readOptionalInt(in), readRef(kryo, in));
        }
    }

    static final class UpdateDatabase extends MessageSerializer<CatalogActor.UpdateDatabase> {
        @Override
        public void write(Kryo kryo, Output out, CatalogActor.UpdateDatabase c) {
            out.writeString(c.name());
            out.writeString(c.kmsKeyId());
            writeRef(kryo, out, c.replyTo());
        }

        @Override
        CatalogActor.UpdateDatabase read(Kryo kryo, Input in) {
            return new CatalogActor.UpdateDatabase(in.readString(), in.readString(), readRef(kryo, in));
        }
    }

    static final class DeleteDatabase extends MessageSerializer<CatalogActor.DeleteDatabase> {
        @Override
        public void write(Kryo kryo, Output out, CatalogActor.DeleteDatabase c) {
            out.writeString(c.name());
            writeRef(kryo, out, c.replyTo());
        }

        @Override
        CatalogActor.DeleteDatabase read(Kryo kryo, Input in) {
            return new CatalogActor.DeleteDatabase(in.readString(), readRef(kryo, in));
        }
    }

    static final class CreateTable extends MessageSerializer<CatalogActor.CreateTable> {
        @Override
        public void write(Kryo kryo, Output out, CatalogActor.CreateTable c) {
            out.writeString(c.database());
            out.writeString(c.table());
            writeRetention(out, c.retention());
            writeMagnetic(out, c.magneticStoreWrites());
            writeKeys(out, c.partitionKeys());
            CatalogWire.writeTags(out, c.tags());
            writeRef(kryo, out, c.replyTo());
        }

        @Override
        CatalogActor.CreateTable read(Kryo kryo, Input in) {
            return new CatalogActor.CreateTable(in.readString(), in.readString(), readRetention(in), readMagnetic(in),
                    readKeys(in), CatalogWire.readTags(in), readRef(kryo, in));
        }
    }

    static final class DescribeTable extends MessageSerializer<CatalogActor.DescribeTable> {
        @Override
        public void write(Kryo kryo, Output out, CatalogActor.DescribeTable c) {
            out.writeString(c.database());
            out.writeString(c.table());
            writeRef(kryo, out, c.replyTo());
        }

        @Override
        CatalogActor.DescribeTable read(Kryo kryo, Input in) {
            return new CatalogActor.DescribeTable(in.readString(), in.readString(), readRef(kryo, in));
        }
    }

    static final class ListTables extends MessageSerializer<CatalogActor.ListTables> {
        @Override
        public void write(Kryo kryo, Output out, CatalogActor.ListTables c) {
            out.writeString(c.database());
            out.writeString(c.nextToken());
            writeOptionalInt(out, c.maxResults());
            writeRef(kryo, out, c.replyTo());
        }

        @Override
        CatalogActor.ListTables read(Kryo kryo, Input in) {
            return new CatalogActor.ListTables(in.readString(), in.readString(), readOptionalInt(in),
                    readRef(kryo, in));
        }
    }

    static final class UpdateTable extends MessageSerializer<CatalogActor.UpdateTable> {
        @Override
        public void write(Kryo kryo, Output out, CatalogActor.UpdateTable c) {
            out.writeString(c.database());
            out.writeString(c.table());
            writeRetention(out, c.retention());
            writeMagnetic(out, c.magneticStoreWrites());
            writeKeys(out, c.partitionKeys());
            writeRef(kryo, out, c.replyTo());
        }

        @Override
        CatalogActor.UpdateTable read(Kryo kryo, Input in) {
            return new CatalogActor.UpdateTable(in.readString(), in.readString(), readRetention(in), readMagnetic(in),
                    readKeys(in), readRef(kryo, in));
        }
    }

    static final class BeginDeleteTable extends MessageSerializer<CatalogActor.BeginDeleteTable> {
        @Override
        public void write(Kryo kryo, Output out, CatalogActor.BeginDeleteTable c) {
            out.writeString(c.database());
            out.writeString(c.table());
            writeRef(kryo, out, c.replyTo());
        }

        @Override
        CatalogActor.BeginDeleteTable read(Kryo kryo, Input in) {
            return new CatalogActor.BeginDeleteTable(in.readString(), in.readString(), readRef(kryo, in));
        }
    }

    static final class FinishDeleteTable extends MessageSerializer<CatalogActor.FinishDeleteTable> {
        @Override
        public void write(Kryo kryo, Output out, CatalogActor.FinishDeleteTable c) {
            out.writeString(c.tableId());
            writeRef(kryo, out, c.replyTo());
        }

        @Override
        CatalogActor.FinishDeleteTable read(Kryo kryo, Input in) {
            return new CatalogActor.FinishDeleteTable(in.readString(), readRef(kryo, in));
        }
    }

    static final class TagResource extends MessageSerializer<CatalogActor.TagResource> {
        @Override
        public void write(Kryo kryo, Output out, CatalogActor.TagResource c) {
            out.writeString(c.arn());
            CatalogWire.writeTags(out, c.tags());
            writeRef(kryo, out, c.replyTo());
        }

        @Override
        CatalogActor.TagResource read(Kryo kryo, Input in) {
            return new CatalogActor.TagResource(in.readString(), CatalogWire.readTags(in), readRef(kryo, in));
        }
    }

    static final class UntagResource extends MessageSerializer<CatalogActor.UntagResource> {
        @Override
        public void write(Kryo kryo, Output out, CatalogActor.UntagResource c) {
            out.writeString(c.arn());
            CatalogWire.writeStrings(out, c.tagKeys());
            writeRef(kryo, out, c.replyTo());
        }

        @Override
        CatalogActor.UntagResource read(Kryo kryo, Input in) {
            return new CatalogActor.UntagResource(in.readString(), CatalogWire.readStrings(in), readRef(kryo, in));
        }
    }

    static final class ListTags extends MessageSerializer<CatalogActor.ListTags> {
        @Override
        public void write(Kryo kryo, Output out, CatalogActor.ListTags c) {
            out.writeString(c.arn());
            writeRef(kryo, out, c.replyTo());
        }

        @Override
        CatalogActor.ListTags read(Kryo kryo, Input in) {
            return new CatalogActor.ListTags(in.readString(), readRef(kryo, in));
        }
    }

    static final class RegisterSchema extends MessageSerializer<CatalogActor.RegisterSchema> {
        @Override
        public void write(Kryo kryo, Output out, CatalogActor.RegisterSchema c) {
            out.writeString(c.tableId());
            SchemaDelta d = c.delta();
            CatalogWire.writeColumnNames(out, d.measures(), d.attributes(), d.dimensions());
            writeRef(kryo, out, c.replyTo());
        }

        @Override
        CatalogActor.RegisterSchema read(Kryo kryo, Input in) {
            String tableId = in.readString();
            TableSchema names = CatalogWire.readSchema(in);
            return new CatalogActor.RegisterSchema(tableId,
                    new SchemaDelta(names.measures(), names.attributes(), names.dimensions()), readRef(kryo, in));
        }
    }

    static final class Subscribe extends MessageSerializer<CatalogActor.Subscribe> {
        @Override
        public void write(Kryo kryo, Output out, CatalogActor.Subscribe c) {
            writeRef(kryo, out, c.subscriber());
            writeRef(kryo, out, c.replyTo());
        }

        @Override
        CatalogActor.Subscribe read(Kryo kryo, Input in) {
            return new CatalogActor.Subscribe(readRef(kryo, in), readRef(kryo, in));
        }
    }

    static final class LookupTable extends MessageSerializer<CatalogActor.LookupTable> {
        @Override
        public void write(Kryo kryo, Output out, CatalogActor.LookupTable c) {
            out.writeString(c.database());
            out.writeString(c.table());
            writeRef(kryo, out, c.replyTo());
        }

        @Override
        CatalogActor.LookupTable read(Kryo kryo, Input in) {
            return new CatalogActor.LookupTable(in.readString(), in.readString(), readRef(kryo, in));
        }
    }
}
