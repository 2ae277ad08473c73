package io.tidemark.engine.catalog;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.tidemark.storage.serialization.KryoSerializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The catalog state as the snapshot store keeps it: immutable, taken from {@link CatalogState}
 * on the actor's thread. Bytes specified in docs/formats/catalog-events.md.
 *
 * @param version the state version (number of events applied) the snapshot was taken at
 */
record CatalogSnapshot(long version, List<CatalogState.DatabaseEntry> databases, List<CatalogState.TableEntry> tables)
        implements KryoSerializable {

    CatalogSnapshot {
        databases = List.copyOf(databases);
        tables = List.copyOf(tables);
    }

    static final class KryoSerializer extends CatalogPayloadSerializer<CatalogSnapshot> {
        @Override
        void writeFields(Output out, CatalogSnapshot s) {
            out.writeVarLong(s.version, true);
            out.writeVarInt(s.databases.size(), true);
            for (CatalogState.DatabaseEntry db : s.databases) {
                out.writeString(db.name());
                out.writeString(db.kmsKeyId());
                CatalogWire.writeInstant(out, db.creationTime());
                CatalogWire.writeInstant(out, db.lastUpdatedTime());
                CatalogWire.writeTags(out, db.tags());
            }
            out.writeVarInt(s.tables.size(), true);
            for (CatalogState.TableEntry t : s.tables) {
                TableDescription d = t.description();
                out.writeString(d.databaseName());
                out.writeString(d.tableName());
                out.writeString(d.tableId());
                out.writeString(d.arn());
                out.writeByte(d.status() == TableStatus.ACTIVE ? 1 : d.status() == TableStatus.DELETING ? 2 : 3);
                CatalogWire.writeRetention(out, d.retention());
                CatalogWire.writeMagnetic(out, d.magneticStoreWrites());
                CatalogWire.writePartitionKeys(out, d.partitionKeys());
                out.writeVarInt(d.shardCount(), true);
                out.writeLong(d.memoryStoreFloorMillis());
                CatalogWire.writeInstant(out, d.creationTime());
                CatalogWire.writeInstant(out, d.lastUpdatedTime());
                CatalogWire.writeTags(out, t.tags());
                CatalogWire.writeTypedNames(out, t.schema().measures());
                CatalogWire.writeTypedNames(out, t.schema().attributes());
                CatalogWire.writeNames(out, t.schema().dimensions());
                out.writeVarLong(t.version(), true);
            }
        }

        @Override
        CatalogSnapshot readFields(Input in) {
            long version = in.readVarLong(true);
            int dbCount = in.readVarInt(true);
            List<CatalogState.DatabaseEntry> databases = new ArrayList<>(dbCount);
            for (int i = 0; i < dbCount; i++) {
                databases.add(new CatalogState.DatabaseEntry(in.readString(), in.readString(),
                        CatalogWire.readInstant(in), CatalogWire.readInstant(in), CatalogWire.readTags(in)));
            }
            int tableCount = in.readVarInt(true);
            List<CatalogState.TableEntry> tables = new ArrayList<>(tableCount);
            for (int i = 0; i < tableCount; i++) {
                String database = in.readString();
                String table = in.readString();
                String tableId = in.readString();
                String arn = in.readString();
                int status = in.readByte();
                TableDescription d = new TableDescription(database, table, tableId, arn,
                        status == 1 ? TableStatus.ACTIVE : status == 2 ? TableStatus.DELETING : TableStatus.RESTORING,
                        CatalogWire.readRetention(in), CatalogWire.readMagnetic(in), CatalogWire.readPartitionKeys(in),
                        in.readVarInt(true), in.readLong(), CatalogWire.readInstant(in), CatalogWire.readInstant(in));
                List<Tag> tags = CatalogWire.readTags(in);
                TableSchema schema = new TableSchema(CatalogWire.readTypedNames(in), CatalogWire.readTypedNames(in),
                        CatalogWire.readNames(in));
                tables.add(new CatalogState.TableEntry(d, tags, schema, in.readVarLong(true)));
            }
            return new CatalogSnapshot(version, databases, tables);
        }
    }
}
