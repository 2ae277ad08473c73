package io.tidemark.engine.catalog;

import io.tidemark.engine.EngineException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Timestream's request rules for the catalog operations; each violation fails with VALIDATION
 * and a message naming the value.
 *
 * <p>Database and table names on create: pattern {@code [a-zA-Z0-9_.-]+}, 3 … 256 UTF-8 bytes.
 * The current API model only states the pattern, but the published API reference and the SDKs
 * generated from older models require at least 3 characters; a shorter name would create a
 * resource those clients refuse to name, so Tidemark keeps the minimum. Other operations take any
 * string and answer NOT_FOUND for a name that does not exist.
 */
public final class CatalogRules {

    public static final int MIN_NAME_BYTES = 3;
    public static final int MAX_NAME_BYTES = 256;
    public static final int MAX_TAGS = 200;
    public static final int MAX_TAG_KEY = 128;
    public static final int MAX_TAG_VALUE = 256;
    public static final int MAX_KMS_KEY_ID = 2048;
    public static final int MAX_S3_PREFIX = 928;
    public static final int MIN_PAGE_SIZE = 1;
    public static final int MAX_PAGE_SIZE = 20;
    /** Longest dimension name, in UTF-8 bytes (Timestream's quota). */
    public static final int MAX_DIMENSION_NAME_BYTES = 60;

    /** The key Tidemark reports for a database created without KmsKeyId (Timestream's "managed key"). */
    public static final String DEFAULT_KMS_KEY_ID = "alias/tidemark/timestream";

    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]+");
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][.\\-a-z0-9]{1,61}[a-z0-9]");
    private static final Pattern OBJECT_KEY_PREFIX = Pattern.compile("[a-zA-Z0-9|!\\-_*'()]([a-zA-Z0-9]|[!\\-_*'()/.])+");
    private static final Set<String> ENCRYPTION_OPTIONS = Set.of("SSE_S3", "SSE_KMS");

    private CatalogRules() {}

    /** {@code what} is "DatabaseName" or "TableName". */
    public static void requireNewName(String what, String name) {
        if (name == null) {
            throw EngineException.validation("cannot create: " + what + " is missing");
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes < MIN_NAME_BYTES || bytes > MAX_NAME_BYTES) {
            throw EngineException.validation("cannot create: " + what + "=" + name + ", bytes=" + bytes
                    + " (expected " + MIN_NAME_BYTES + ".." + MAX_NAME_BYTES + ")");
        }
        if (!NAME.matcher(name).matches()) {
            throw EngineException.validation("cannot create: " + what + "=" + name + " (expected [a-zA-Z0-9_.-]+)");
        }
    }

    public static void requireKmsKeyId(String kmsKeyId) {
        if (kmsKeyId == null || kmsKeyId.isEmpty() || kmsKeyId.length() > MAX_KMS_KEY_ID) {
            throw EngineException.validation("cannot use KmsKeyId: length=" + (kmsKeyId == null ? 0 : kmsKeyId.length())
                    + " (expected 1.." + MAX_KMS_KEY_ID + ")");
        }
    }

    /** Tags of one request: at most 200, keys 1 … 128 characters and distinct, values 0 … 256. */
    public static void requireTags(List<Tag> tags) {
        if (tags.size() > MAX_TAGS) {
            throw EngineException.validation("cannot tag: tags=" + tags.size() + " (at most " + MAX_TAGS + ")");
        }
        Set<String> keys = new HashSet<>();
        for (Tag t : tags) {
            if (t == null) {
                throw EngineException.validation("cannot tag: a tag is missing");
            }
            requireTagKey(t.key());
            if (t.value() == null || t.value().length() > MAX_TAG_VALUE) {
                throw EngineException.validation("cannot tag: key=" + t.key() + ", valueLength="
                        + (t.value() == null ? "missing" : t.value().length()) + " (expected 0.." + MAX_TAG_VALUE + ")");
            }
            if (!keys.add(t.key())) {
                throw EngineException.validation("cannot tag: key=" + t.key() + " is given twice");
            }
        }
    }

    public static void requireTagKeys(List<String> keys) {
        if (keys.size() > MAX_TAGS) {
            throw EngineException.validation("cannot untag: tagKeys=" + keys.size() + " (at most " + MAX_TAGS + ")");
        }
        keys.forEach(CatalogRules::requireTagKey);
    }

    private static void requireTagKey(String key) {
        if (key == null || key.isEmpty() || key.length() > MAX_TAG_KEY) {
            throw EngineException.validation("cannot tag: key=" + key + ", keyLength=" + (key == null ? 0 : key.length())
                    + " (expected 1.." + MAX_TAG_KEY + ")");
        }
    }

    public static void requireRetention(RetentionProperties r) {
        if (r.memoryStoreRetentionHours() < RetentionProperties.MIN_MEMORY_HOURS
                || r.memoryStoreRetentionHours() > RetentionProperties.MAX_MEMORY_HOURS) {
            throw EngineException.validation("cannot set retention: MemoryStoreRetentionPeriodInHours="
                    + r.memoryStoreRetentionHours() + " (expected " + RetentionProperties.MIN_MEMORY_HOURS + ".."
                    + RetentionProperties.MAX_MEMORY_HOURS + ")");
        }
        if (r.magneticStoreRetentionDays() < RetentionProperties.MIN_MAGNETIC_DAYS
                || r.magneticStoreRetentionDays() > RetentionProperties.MAX_MAGNETIC_DAYS) {
            throw EngineException.validation("cannot set retention: MagneticStoreRetentionPeriodInDays="
                    + r.magneticStoreRetentionDays() + " (expected " + RetentionProperties.MIN_MAGNETIC_DAYS + ".."
                    + RetentionProperties.MAX_MAGNETIC_DAYS + ")");
        }
    }

    public static void requireMagneticWrites(MagneticStoreWriteProperties m) {
        S3Location s3 = m.rejectedDataLocation();
        if (s3 == null) {
            return;
        }
        if (!m.enableMagneticStoreWrites()) {
            throw EngineException.validation("cannot set MagneticStoreRejectedDataLocation: EnableMagneticStoreWrites=false");
        }
        if (s3.bucketName() != null && !BUCKET.matcher(s3.bucketName()).matches()) {
            throw EngineException.validation("cannot set rejected-data location: BucketName=" + s3.bucketName()
                    + " (expected 3..63 characters matching " + BUCKET.pattern() + ")");
        }
        if (s3.objectKeyPrefix() != null && (s3.objectKeyPrefix().length() > MAX_S3_PREFIX
                || !OBJECT_KEY_PREFIX.matcher(s3.objectKeyPrefix()).matches())) {
            throw EngineException.validation("cannot set rejected-data location: ObjectKeyPrefix=" + s3.objectKeyPrefix()
                    + " (expected 1.." + MAX_S3_PREFIX + " characters matching " + OBJECT_KEY_PREFIX.pattern() + ")");
        }
        if (s3.encryptionOption() != null && !ENCRYPTION_OPTIONS.contains(s3.encryptionOption())) {
            throw EngineException.validation("cannot set rejected-data location: EncryptionOption="
                    + s3.encryptionOption() + " (expected SSE_S3 or SSE_KMS)");
        }
        if (s3.kmsKeyId() != null) {
            requireKmsKeyId(s3.kmsKeyId());
        }
    }

    /** A composite partition key given to CreateTable. */
    public static void requirePartitionKeys(List<PartitionKey> keys) {
        if (keys.isEmpty()) {
            throw EngineException.validation("cannot set CompositePartitionKey: it is empty (expected at least 1 key)");
        }
        int measures = 0;
        Set<String> dimensions = new HashSet<>();
        for (PartitionKey k : keys) {
            if (k == null || k.type() == null) {
                throw EngineException.validation("cannot set CompositePartitionKey: a key has no Type");
            }
            if (k.type() == PartitionKey.Type.MEASURE) {
                if (k.name() != null) {
                    throw EngineException.validation("cannot set CompositePartitionKey: a MEASURE key takes no Name, name="
                            + k.name());
                }
                if (++measures > 1) {
                    throw EngineException.validation("cannot set CompositePartitionKey: more than one MEASURE key");
                }
            } else {
                requireDimensionKeyName(k.name());
                if (!dimensions.add(k.name())) {
                    throw EngineException.validation("cannot set CompositePartitionKey: dimension=" + k.name()
                            + " is given twice");
                }
            }
        }
    }

    private static void requireDimensionKeyName(String name) {
        if (name == null || name.isEmpty()) {
            throw EngineException.validation("cannot set CompositePartitionKey: a DIMENSION key needs a Name");
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_DIMENSION_NAME_BYTES || isReservedColumnName(name)) {
            throw EngineException.validation("cannot set CompositePartitionKey: dimension=" + name + ", bytes=" + bytes
                    + " (expected 1.." + MAX_DIMENSION_NAME_BYTES + " bytes and not a reserved name)");
        }
    }

    /** UpdateTable may change only each key's EnforcementInRecord; names, types and order stay. */
    public static void requireSameKeyLayout(List<PartitionKey> current, List<PartitionKey> requested) {
        boolean same = current.size() == requested.size();
        for (int i = 0; same && i < current.size(); i++) {
            PartitionKey c = current.get(i);
            PartitionKey r = requested.get(i);
            same = r != null && c.type() == r.type() && java.util.Objects.equals(c.name(), r.name());
        }
        if (!same) {
            throw EngineException.validation("cannot update CompositePartitionKey: current=" + current + ", requested="
                    + requested + " (only EnforcementInRecord may change)");
        }
    }

    /**
     * Names a record's dimensions, measure and attributes may not take: the system identifiers, and
     * every name starting with {@code ts_}, {@code measure_name} or {@code measure_value} (so the
     * single-measure value columns {@code measure_value::double} … cannot be shadowed).
     */
    public static boolean isReservedRecordName(String name) {
        return name.equals("time") || name.equals("ts_non_existent_col") || name.startsWith("ts_")
                || name.startsWith("measure_name") || name.startsWith("measure_value");
    }

    /** Names no dimension, measure or attribute may take: Timestream's system identifiers. */
    public static boolean isReservedColumnName(String name) {
        return name.equals("measure_value") || name.equals("ts_non_existent_col") || name.equals("time")
                || name.startsWith("ts_") || name.startsWith("measure_name");
    }

    /** MaxResults of ListDatabases/ListTables: 1 … 20, {@code defaultSize} when not given. */
    public static int pageSize(Integer maxResults, int defaultSize) {
        if (maxResults == null) {
            return defaultSize;
        }
        if (maxResults < MIN_PAGE_SIZE || maxResults > MAX_PAGE_SIZE) {
            throw EngineException.validation("cannot list: MaxResults=" + maxResults + " (expected " + MIN_PAGE_SIZE
                    + ".." + MAX_PAGE_SIZE + ")");
        }
        return maxResults;
    }

    /**
     * A NextToken: URL-safe base64 of {@code listing + ":" + position}, so a token of one listing
     * is refused by another.
     */
    public static String nextToken(String listing, String position) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((listing + ":" + position).getBytes(StandardCharsets.UTF_8));
    }

    /** The position a NextToken of {@code listing} holds; null for a null token. */
    public static String position(String listing, String token) {
        if (token == null) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            decoded = "";
        }
        if (!decoded.startsWith(listing + ":")) {
            throw EngineException.validation("cannot list: NextToken=" + token + " is not a token of this listing");
        }
        return decoded.substring(listing.length() + 1);
    }
}
