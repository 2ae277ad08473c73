package io.tidemark.engine.write;

/**
 * One attribute of a multi-measure record ({@code MeasureValue}) as the wire delivers it.
 *
 * @param type DOUBLE, BIGINT, VARCHAR, BOOLEAN or TIMESTAMP (MULTI is in Timestream's enum but
 *     names no attribute type, so a record using it is rejected)
 */
public record MeasureValueInput(String name, String value, String type) {
}
