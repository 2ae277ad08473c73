package io.tidemark.engine.catalog;

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

    record DatabaseCreated(String name, String kmsKeyId, List<Tag> tags, long atMillis) implements CatalogEvent {
        public DatabaseCreated {
            tags = List.copyOf(tags);
        }

        static final class KryoSerializer extends CatalogPayloadSerializer<DatabaseCreated> {
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
        static final class KryoSerializer extends CatalogPayloadSerializer<DatabaseKmsKeyUpdated> {
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
        static final class KryoSerializer extends CatalogPayloadSerializer<DatabaseDeleted> {
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

        static final class KryoSerializer extends CatalogPayloadSerializer<TableCreated> {
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

        static final class KryoSerializer extends CatalogPayloadSerializer<TableUpdated> {
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
        static final class KryoSerializer extends CatalogPayloadSerializer<TableDeletionStarted> {
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
        static final class KryoSerializer extends CatalogPayloadSerializer<TableDeletionFinished> {
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

        static final class KryoSerializer extends CatalogPayloadSerializer<ResourceTagged> {
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

        static final class KryoSerializer extends CatalogPayloadSerializer<ResourceUntagged> {
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
        static final class KryoSerializer extends CatalogPayloadSerializer<SchemaExtended> {
            @Override
            void writeFields(Output out, SchemaExtended e) {
                out.writeString(e.tableId);
                CatalogWire.writeColumnNames(out, e.added.measures(), e.added.attributes(), e.added.dimensions());
            }

            @Override
            SchemaExtended readFields(Input in) {
                String tableId = in.readString();
                TableSchema added = CatalogWire.readSchema(in);
                return new SchemaExtended(tableId, new SchemaDelta(added.measures(), added.attributes(),
                        added.dimensions()));
            }
        }
    }
}
