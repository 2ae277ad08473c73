package io.tidemark.engine.tier;

/**
 * What one retention pass did to a table's magnetic store.
 *
 * @param segmentsDeleted segments deleted whole: every point in them had expired
 * @param segmentsRewritten segments replaced by one segment without their expired points
 */
public record ExpiryResult(int segmentsDeleted, int segmentsRewritten) {

    public static final ExpiryResult NOTHING = new ExpiryResult(0, 0);
}
