package io.tidemark.engine.catalog;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.tidemark.storage.serialization.KryoSerializable;
import java.util.List;

/**
 * What the catalog journals: one event per accepted change, applied by {@link CatalogState}.
 * Each event has its own Kryo serializer, registered with a fixed id in the actors module's
 * reference.conf; the bytes are specified in docs/formats/catalog-events.md.
 */
public sealed interface CatalogEvent extends KryoSerializable {

    /** First byte of every event and snapshot payload; bump it when a field is added. */
    int FORMAT_VERSION = 1;

    record DatabaseCreated(String name, String kmsKeyId, List<Tag> tags, long atMillis) implements CatalogEvent {
        public DatabaseCreated {
            tags = List.copyOf(tags);
        }

        static final class KryoSerializer extends EventSerializer<DatabaseCreated> {
            @Override
            void writeFields(Output out, DatabaseCreated e) {
                out.writeString(e.name);
                out.writeString(e.kmsKeyId);
                CatalogWire.writeTags(out, e.tags);
                out.writeLong(e.atMillis);
            }

            @Override
            DatabaseCreated readFields(Input in) {
                return new DatabaseCreated(in.readString(), in.readString(), CatalogWire.readTags(in), in.readLong());
            }
        }
    }

    record DatabaseKmsKeyUpdated(String name, String kmsKeyId, long atMillis) implements CatalogEvent {
        static final class KryoSerializer extends EventSerializer<DatabaseKmsKeyUpdated> {
            @Override
            void writeFields(Output out, DatabaseKmsKeyUpdated e) {
                out.writeString(e.name);
                out.writeString(e.kmsKeyId);
                out.writeLong(e.atMillis);
            }

            @Override
            DatabaseKmsKeyUpdated readFields(Input in) {
                return new DatabaseKmsKeyUpdated(in.readString(), in.readString(), in.readLong());
            }
        }
    }

    record DatabaseDeleted(String name) implements CatalogEvent {
        static final class KryoSerializer extends EventSerializer<DatabaseDeleted> {
            @Override
            void writeFields(Output out, DatabaseDeleted e) {
                out.writeString(e.name);
            }

            @Override
            DatabaseDeleted readFields(Input in) {
                return new DatabaseDeleted(in.readString());
            }
        }
    }

    record TableCreated(String database, String table, String tableId, int shardCount, RetentionProperties retention,
            MagneticStoreWriteProperties magneticStoreWrites, List<PartitionKey> partitionKeys, List<Tag> tags,
            long atMillis) implements CatalogEvent {
        public TableCreated {
            partitionKeys = List.copyOf(partitionKeys);
            tags = List.copyOf(tags);
        }

        static final class KryoSerializer extends EventSerializer<TableCreated> {
            @Override
            void writeFields(Output out, TableCreated e) {
                out.writeString(e.database);
                out.writeString(e.table);
                out.writeString(e.tableId);
                out.writeVarInt(e.shardCount, true);
                CatalogWire.writeRetention(out, e.retention);
                CatalogWire.writeMagnetic(out, e.magneticStoreWrites);
                CatalogWire.writePartitionKeys(out, e.partitionKeys);
                CatalogWire.writeTags(out, e.tags);
                out.writeLong(e.atMillis);
            }

            @Override
            TableCreated readFields(Input in) {
                return new TableCreated(in.readString(), in.readString(), in.readString(), in.readVarInt(true),
                        CatalogWire.readRetention(in), CatalogWire.readMagnetic(in), CatalogWire.readPartitionKeys(in),
                        CatalogWire.readTags(in), in.readLong());
            }
        }
    }

    /** The table's settings after UpdateTable, all of them, with the memory-store floor it implies. */
    record TableUpdated(String tableId, RetentionProperties retention, MagneticStoreWriteProperties magneticStoreWrites,
            List<PartitionKey> partitionKeys, long memoryStoreFloorMillis, long atMillis) implements CatalogEvent {
        public TableUpdated {
            partitionKeys = List.copyOf(partitionKeys);
        }

        static final class KryoSerializer extends EventSerializer<TableUpdated> {
            @Override
            void writeFields(Output out, TableUpdated e) {
                out.writeString(e.tableId);
                CatalogWire.writeRetention(out, e.retention);
                CatalogWire.writeMagnetic(out, e.magneticStoreWrites);
                CatalogWire.writePartitionKeys(out, e.partitionKeys);
                out.writeLong(e.memoryStoreFloorMillis);
                out.writeLong(e.atMillis);
            }

            @Override
            TableUpdated readFields(Input in) {
                return new TableUpdated(in.readString(), CatalogWire.readRetention(in), CatalogWire.readMagnetic(in),
                        CatalogWire.readPartitionKeys(in), in.readLong(), in.readLong());
            }
        }
    }

    record TableDeletionStarted(String tableId, long atMillis) implements CatalogEvent {
        static final class KryoSerializer extends EventSerializer<TableDeletionStarted> {
            @Override
            void writeFields(Output out, TableDeletionStarted e) {
                out.writeString(e.tableId);
                out.writeLong(e.atMillis);
            }

            @Override
            TableDeletionStarted readFields(Input in) {
                return new TableDeletionStarted(in.readString(), in.readLong());
            }
        }
    }

    record TableDeletionFinished(String tableId) implements CatalogEvent {
        static final class KryoSerializer extends EventSerializer<TableDeletionFinished> {
            @Override
            void writeFields(Output out, TableDeletionFinished e) {
                out.writeString(e.tableId);
            }

            @Override
            TableDeletionFinished readFields(Input in) {
                return new TableDeletionFinished(in.readString());
            }
        }
    }

    /**
     * Tags set on a database ({@code table} null) or table; a key already present takes the new value.
     */
    record ResourceTagged(String database, String table, List<Tag> tags) implements CatalogEvent {
        public ResourceTagged {
            tags = List.copyOf(tags);
        }

        static final class KryoSerializer extends EventSerializer<ResourceTagged> {
            @Override
            void writeFields(Output out, ResourceTagged e) {
                out.writeString(e.database);
                out.writeString(e.table);
                CatalogWire.writeTags(out, e.tags);
            }

            @Override
            ResourceTagged readFields(Input in) {
                return new ResourceTagged(in.readString(), in.readString(), CatalogWire.readTags(in));
            }
        }
    }

    record ResourceUntagged(String database, String table, List<String> keys) implements CatalogEvent {
        public ResourceUntagged {
            keys = List.copyOf(keys);
        }

        static final class KryoSerializer extends EventSerializer<ResourceUntagged> {
            @Override
            void writeFields(Output out, ResourceUntagged e) {
                out.writeString(e.database);
                out.writeString(e.table);
                CatalogWire.writeStrings(out, e.keys);
            }

            @Override
            ResourceUntagged readFields(Input in) {
                return new ResourceUntagged(in.readString(), in.readString(), CatalogWire.readStrings(in));
            }
        }
    }

    /** Names new to the table's schema; only what registerSchema actually added. */
    record SchemaExtended(String tableId, SchemaDelta added) implements CatalogEvent {
        static final class KryoSerializer extends EventSerializer<SchemaExtended> {
            @Override
            void writeFields(Output out, SchemaExtended e) {
                out.writeString(e.tableId);
                CatalogWire.writeTypedNames(out, e.added.measures());
                CatalogWire.writeTypedNames(out, e.added.attributes());
                CatalogWire.writeNames(out, e.added.dimensions());
            }

            @Override
            SchemaExtended readFields(Input in) {
                String tableId = in.readString();
                return new SchemaExtended(tableId, new SchemaDelta(CatalogWire.readTypedNames(in),
                        CatalogWire.readTypedNames(in), CatalogWire.readNames(in)));
            }
        }
    }

    /** Writes {@link #FORMAT_VERSION} before the fields and refuses any other version on read. */
    abstract class EventSerializer<T> extends com.esotericsoftware.kryo.Serializer<T> {
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
}
