package io.tidemark.engine.write;

import java.util.List;

/**
 * One {@code Record} (or the request's {@code CommonAttributes}) as the wire delivers it; every
 * member may be null.
 *
 * @param measureValueType DOUBLE, BIGINT, VARCHAR, BOOLEAN, TIMESTAMP or MULTI; DOUBLE when absent
 * @param time an integer count of {@code timeUnit}s since the Unix epoch
 * @param timeUnit MILLISECONDS, SECONDS, MICROSECONDS or NANOSECONDS; MILLISECONDS when absent
 * @param version 1 when absent; must be at least 1
 * @param measureValues the attributes of a MULTI record
 */
public record RecordInput(List<DimensionInput> dimensions, String measureName, String measureValue,
        String measureValueType, String time, String timeUnit, Long version, List<MeasureValueInput> measureValues) {
}
