package io.tidemark.engine.write;

/**
 * A record Timestream would reject, with its reason.
 *
 * @param recordIndex 0-based index into the request's records
 * @param reason Timestream's reason text
 * @param existingVersion the stored version that blocked the write; 0 when no stored record is
 *     involved (versions start at 1)
 */
public record RejectedRecord(int recordIndex, String reason, long existingVersion) {

    public static RejectedRecord of(int recordIndex, String reason) {
        return new RejectedRecord(recordIndex, reason, 0L);
    }

    public boolean hasExistingVersion() {
        return existingVersion > 0;
    }
}
