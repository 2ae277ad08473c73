package io.tidemark.engine.write;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;

/**
 * The per-request and per-record limits of WriteRecords. {@link #TIMESTREAM} holds Timestream's
 * published values; a deployment may raise them (never lower them: clients are written against
 * Timestream's limits) under {@code tidemark.engine.write}. Byte limits count UTF-8 bytes.
 *
 * <p>Only {@link #maxRecordsPerRequest} fails the whole request; every other limit rejects just
 * the record that breaks it, so the rest of the request is still written.
 *
 * @param maxRecordsPerRequest records in one request (100)
 * @param maxRecordBytes a record's size as {@link RecordConverter} measures it (2048)
 * @param maxDimensionsPerRecord dimensions of a record, CommonAttributes' included (128)
 * @param maxDimensionNameBytes one dimension name (60)
 * @param maxMeasureNameBytes a measure name, and a multi-measure attribute name (256)
 * @param maxDimensionBytes all dimension names and values of a record together (2048)
 * @param maxMeasureValueChars one MeasureValue, or one attribute's Value, in characters (2048)
 * @param maxAttributesPerRecord attributes of a multi-measure record (256)
 * @param maxAttributeValueBytes the stored sizes of a multi-measure record's values together (2048)
 */
public record WriteLimits(
        int maxRecordsPerRequest,
        int maxRecordBytes,
        int maxDimensionsPerRecord,
        int maxDimensionNameBytes,
        int maxMeasureNameBytes,
        int maxDimensionBytes,
        int maxMeasureValueChars,
        int maxAttributesPerRecord,
        int maxAttributeValueBytes) {

    /** Timestream's published limits. */
    public static final WriteLimits TIMESTREAM = new WriteLimits(100, 2048, 128, 60, 256, 2048, 2048, 256, 2048);

    private static final String PATH = "tidemark.engine.write.";

    public WriteLimits {
        requirePositive("maxRecordsPerRequest", maxRecordsPerRequest);
        requirePositive("maxRecordBytes", maxRecordBytes);
        requirePositive("maxDimensionsPerRecord", maxDimensionsPerRecord);
        requirePositive("maxDimensionNameBytes", maxDimensionNameBytes);
        requirePositive("maxMeasureNameBytes", maxMeasureNameBytes);
        requirePositive("maxDimensionBytes", maxDimensionBytes);
        requirePositive("maxMeasureValueChars", maxMeasureValueChars);
        requirePositive("maxAttributesPerRecord", maxAttributesPerRecord);
        requirePositive("maxAttributeValueBytes", maxAttributeValueBytes);
    }

    /**
     * Reads {@code tidemark.engine.write.*} from the root config.
     *
     * @throws ConfigException.BadValue when a limit is below Timestream's
     */
    public static WriteLimits fromConfig(Config config) {
        return new WriteLimits(
                read(config, "max-records-per-request", TIMESTREAM.maxRecordsPerRequest),
                read(config, "max-record-bytes", TIMESTREAM.maxRecordBytes),
                read(config, "max-dimensions-per-record", TIMESTREAM.maxDimensionsPerRecord),
                read(config, "max-dimension-name-bytes", TIMESTREAM.maxDimensionNameBytes),
                read(config, "max-measure-name-bytes", TIMESTREAM.maxMeasureNameBytes),
                read(config, "max-dimension-bytes", TIMESTREAM.maxDimensionBytes),
                read(config, "max-measure-value-chars", TIMESTREAM.maxMeasureValueChars),
                read(config, "max-attributes-per-record", TIMESTREAM.maxAttributesPerRecord),
                read(config, "max-attribute-value-bytes", TIMESTREAM.maxAttributeValueBytes));
    }

    private static int read(Config config, String key, int timestreamValue) {
        int value = config.getInt(PATH + key);
        if (value < timestreamValue) {
            throw new ConfigException.BadValue(PATH + key, "cannot lower a write limit below Timestream's: value="
                    + value + ", minimum=" + timestreamValue);
        }
        return value;
    }

    private static void requirePositive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException("cannot set write limit: must be positive, " + name + "=" + value);
        }
    }
}
