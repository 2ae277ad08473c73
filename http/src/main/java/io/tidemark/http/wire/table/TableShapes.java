package io.tidemark.http.wire.table;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidemark.engine.catalog.MagneticStoreWriteProperties;
import io.tidemark.engine.catalog.PartitionKey;
import io.tidemark.engine.catalog.RetentionProperties;
import io.tidemark.engine.catalog.S3Location;
import io.tidemark.engine.catalog.TableDescription;
import io.tidemark.http.wire.Enums;
import io.tidemark.http.wire.Members;
import io.tidemark.http.wire.WireJson;
import java.util.List;

/**
 * The table structures of the model, both ways: RetentionProperties, MagneticStoreWriteProperties
 * (with its S3Configuration), Schema, and the {@code Table} output.
 */
final class TableShapes {

    private TableShapes() {
    }

    static RetentionProperties retention(Members request) {
        Members r = request.object("RetentionProperties");
        if (r == null) {
            return null;
        }
        Long hours = r.longValue("MemoryStoreRetentionPeriodInHours");
        Long days = r.longValue("MagneticStoreRetentionPeriodInDays");
        if (hours == null) {
            throw r.missing("MemoryStoreRetentionPeriodInHours");
        }
        if (days == null) {
            throw r.missing("MagneticStoreRetentionPeriodInDays");
        }
        return new RetentionProperties(hours, days);
    }

    static MagneticStoreWriteProperties magneticStoreWrites(Members request) {
        Members m = request.object("MagneticStoreWriteProperties");
        if (m == null) {
            return null;
        }
        Boolean enabled = m.bool("EnableMagneticStoreWrites");
        if (enabled == null) {
            throw m.missing("EnableMagneticStoreWrites");
        }
        Members location = m.object("MagneticStoreRejectedDataLocation");
        Members s3 = location == null ? null : location.object("S3Configuration");
        S3Location rejected = s3 == null ? null : new S3Location(s3.string("BucketName"), s3.string("ObjectKeyPrefix"),
                s3.string("EncryptionOption"), s3.string("KmsKeyId"));
        return new MagneticStoreWriteProperties(enabled, rejected);
    }

    /** The Schema's composite partition key; null when the request has no Schema. */
    static List<PartitionKey> partitionKeys(Members request) {
        Members schema = request.object("Schema");
        if (schema == null) {
            return null;
        }
        List<PartitionKey> keys = schema.objects("CompositePartitionKey", k -> new PartitionKey(
                Enums.read(PartitionKey.Type.class, k.requiredString("Type"), k.path() + ".Type"),
                k.string("Name"),
                Enums.read(PartitionKey.Enforcement.class, k.string("EnforcementInRecord"),
                        k.path() + ".EnforcementInRecord")));
        if (keys == null) {
            throw schema.missing("CompositePartitionKey");
        }
        return keys;
    }

    /** The model's {@code Table} structure. */
    static void render(TableDescription t, ObjectNode node) {
        node.put("Arn", t.arn());
        node.put("TableName", t.tableName());
        node.put("DatabaseName", t.databaseName());
        node.put("TableStatus", t.status().name());
        ObjectNode retention = node.putObject("RetentionProperties");
        retention.put("MemoryStoreRetentionPeriodInHours", t.retention().memoryStoreRetentionHours());
        retention.put("MagneticStoreRetentionPeriodInDays", t.retention().magneticStoreRetentionDays());
        node.put("CreationTime", WireJson.timestamp(t.creationTime()));
        node.put("LastUpdatedTime", WireJson.timestamp(t.lastUpdatedTime()));
        ObjectNode magnetic = node.putObject("MagneticStoreWriteProperties");
        magnetic.put("EnableMagneticStoreWrites", t.magneticStoreWrites().enableMagneticStoreWrites());
        S3Location s3 = t.magneticStoreWrites().rejectedDataLocation();
        if (s3 != null) {
            ObjectNode c = magnetic.putObject("MagneticStoreRejectedDataLocation").putObject("S3Configuration");
            WireJson.putIfPresent(c, "BucketName", s3.bucketName());
            WireJson.putIfPresent(c, "ObjectKeyPrefix", s3.objectKeyPrefix());
            WireJson.putIfPresent(c, "EncryptionOption", s3.encryptionOption());
            WireJson.putIfPresent(c, "KmsKeyId", s3.kmsKeyId());
        }
        ArrayNode keys = node.putObject("Schema").putArray("CompositePartitionKey");
        for (PartitionKey k : t.partitionKeys()) {
            ObjectNode key = keys.addObject();
            key.put("Type", k.type().name());
            WireJson.putIfPresent(key, "Name", k.name());
            if (k.enforcementInRecord() != null) {
                key.put("EnforcementInRecord", k.enforcementInRecord().name());
            }
        }
    }
}
