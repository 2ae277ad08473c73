package io.tidemark.engine.catalog;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.tidemark.storage.serialization.KryoCounts;
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
                CatalogWire.writeDescription(out, t.description());
                CatalogWire.writeTags(out, t.tags());
                CatalogWire.writeSchema(out, t.schema());
                out.writeVarLong(t.version(), true);
            }
        }

        @Override
        CatalogSnapshot readFields(Input in) {
            long version = in.readVarLong(true);
            int dbCount = KryoCounts.readCount(in, "catalog snapshot", "databases");
            List<CatalogState.DatabaseEntry> databases = new ArrayList<>(dbCount);
            for (int i = 0; i < dbCount; i++) {
                databases.add(new CatalogState.DatabaseEntry(in.readString(), in.readString(),
                        CatalogWire.readInstant(in), CatalogWire.readInstant(in), CatalogWire.readTags(in)));
            }
            int tableCount = KryoCounts.readCount(in, "catalog snapshot", "tables");
            List<CatalogState.TableEntry> tables = new ArrayList<>(tableCount);
            for (int i = 0; i < tableCount; i++) {
                TableDescription d = CatalogWire.readDescription(in);
                List<Tag> tags = CatalogWire.readTags(in);
                TableSchema schema = CatalogWire.readSchema(in);
                tables.add(new CatalogState.TableEntry(d, tags, schema, in.readVarLong(true)));
            }
            return new CatalogSnapshot(version, databases, tables);
        }
    }
}
