package io.tidemark.engine.catalog;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.tidemark.storage.model.MeasureType;
import io.tidemark.storage.serialization.KryoCounts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Field encodings shared by the catalog's persisted events and snapshot (see
 * docs/formats/catalog-events.md). Strings are Kryo strings (null allowed), counts and ids
 * unsigned varints, times epoch milliseconds as signed longs; enums are written as stable ids,
 * never as ordinals.
 */
final class CatalogWire {

    private CatalogWire() {}

    static void writeTags(Output out, List<Tag> tags) {
        out.writeVarInt(tags.size(), true);
        for (Tag t : tags) {
            out.writeString(t.key());
            out.writeString(t.value());
        }
    }

    static List<Tag> readTags(Input in) {
        int n = KryoCounts.readCount(in, "catalog message", "tags");
        List<Tag> tags = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            tags.add(new Tag(in.readString(), in.readString()));
        }
        return List.copyOf(tags);
    }

    static void writeStrings(Output out, List<String> values) {
        out.writeVarInt(values.size(), true);
        values.forEach(out::writeString);
    }

    static List<String> readStrings(Input in) {
        int n = KryoCounts.readCount(in, "catalog message", "strings");
        List<String> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            values.add(in.readString());
        }
        return List.copyOf(values);
    }

    static void writeRetention(Output out, RetentionProperties r) {
        out.writeVarLong(r.memoryStoreRetentionHours(), true);
        out.writeVarLong(r.magneticStoreRetentionDays(), true);
    }

    static RetentionProperties readRetention(Input in) {
        return new RetentionProperties(in.readVarLong(true), in.readVarLong(true));
    }

    /** Flags byte: bit 0 = writes enabled, bit 1 = a rejected-data location follows. */
    static void writeMagnetic(Output out, MagneticStoreWriteProperties m) {
        S3Location s3 = m.rejectedDataLocation();
        out.writeByte((m.enableMagneticStoreWrites() ? 1 : 0) | (s3 != null ? 2 : 0));
        if (s3 != null) {
            out.writeString(s3.bucketName());
            out.writeString(s3.objectKeyPrefix());
            out.writeString(s3.encryptionOption());
            out.writeString(s3.kmsKeyId());
        }
    }

    static MagneticStoreWriteProperties readMagnetic(Input in) {
        int flags = in.readByte();
        S3Location s3 = (flags & 2) == 0 ? null
                : new S3Location(in.readString(), in.readString(), in.readString(), in.readString());
        return new MagneticStoreWriteProperties((flags & 1) != 0, s3);
    }

    /** Per key: type id (1 DIMENSION, 2 MEASURE), name, enforcement id (0 none, 1 REQUIRED, 2 OPTIONAL). */
    static void writePartitionKeys(Output out, List<PartitionKey> keys) {
        out.writeVarInt(keys.size(), true);
        for (PartitionKey k : keys) {
            out.writeByte(k.type() == PartitionKey.Type.DIMENSION ? 1 : 2);
            out.writeString(k.name());
            out.writeByte(k.enforcementInRecord() == null ? 0
                    : k.enforcementInRecord() == PartitionKey.Enforcement.REQUIRED ? 1 : 2);
        }
    }

    static List<PartitionKey> readPartitionKeys(Input in) {
        int n = KryoCounts.readCount(in, "catalog message", "partitionKeys");
        List<PartitionKey> keys = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            PartitionKey.Type type = in.readByte() == 1 ? PartitionKey.Type.DIMENSION : PartitionKey.Type.MEASURE;
            String name = in.readString();
            int enforcement = in.readByte();
            keys.add(new PartitionKey(type, name, enforcement == 0 ? null
                    : enforcement == 1 ? PartitionKey.Enforcement.REQUIRED : PartitionKey.Enforcement.OPTIONAL));
        }
        return List.copyOf(keys);
    }

    /** Names sorted, so the same content always gives the same bytes. */
    static void writeTypedNames(Output out, Map<String, MeasureType> names) {
        out.writeVarInt(names.size(), true);
        for (Map.Entry<String, MeasureType> e : new TreeMap<>(names).entrySet()) {
            out.writeString(e.getKey());
            out.writeByte(e.getValue().id());
        }
    }

    static Map<String, MeasureType> readTypedNames(Input in) {
        int n = KryoCounts.readCount(in, "catalog message", "typedNames");
        Map<String, MeasureType> names = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            names.put(in.readString(), MeasureType.fromId(in.readByte()));
        }
        return names;
    }

    static void writeNames(Output out, Set<String> names) {
        writeStrings(out, List.copyOf(new TreeSet<>(names)));
    }

    static Set<String> readNames(Input in) {
        return new HashSet<>(readStrings(in));
    }

    /** A schema's (or schema delta's) names: measures, attributes, dimensions. */
    static void writeColumnNames(Output out, Map<String, MeasureType> measures, Map<String, MeasureType> attributes,
            Set<String> dimensions) {
        writeTypedNames(out, measures);
        writeTypedNames(out, attributes);
        writeNames(out, dimensions);
    }

    static TableSchema readSchema(Input in) {
        return new TableSchema(readTypedNames(in), readTypedNames(in), readNames(in));
    }

    static void writeSchema(Output out, TableSchema schema) {
        writeColumnNames(out, schema.measures(), schema.attributes(), schema.dimensions());
    }

    /** Status ids: 1 ACTIVE, 2 DELETING, 3 RESTORING. */
    static void writeDescription(Output out, TableDescription d) {
        out.writeString(d.databaseName());
        out.writeString(d.tableName());
        out.writeString(d.tableId());
        out.writeString(d.arn());
        out.writeByte(d.status() == TableStatus.ACTIVE ? 1 : d.status() == TableStatus.DELETING ? 2 : 3);
        writeRetention(out, d.retention());
        writeMagnetic(out, d.magneticStoreWrites());
        writePartitionKeys(out, d.partitionKeys());
        out.writeVarInt(d.shardCount(), true);
        out.writeLong(d.memoryStoreFloorMillis());
        writeInstant(out, d.creationTime());
        writeInstant(out, d.lastUpdatedTime());
    }

    static TableDescription readDescription(Input in) {
        String database = in.readString();
        String table = in.readString();
        String tableId = in.readString();
        String arn = in.readString();
        int status = in.readByte();
        return new TableDescription(database, table, tableId, arn,
                status == 1 ? TableStatus.ACTIVE : status == 2 ? TableStatus.DELETING : TableStatus.RESTORING,
                readRetention(in), readMagnetic(in), readPartitionKeys(in), in.readVarInt(true), in.readLong(),
                readInstant(in), readInstant(in));
    }

    static void writeInstant(Output out, Instant t) {
        out.writeLong(t.toEpochMilli());
    }

    static Instant readInstant(Input in) {
        return Instant.ofEpochMilli(in.readLong());
    }
}
