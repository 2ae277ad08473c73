package io.tidemark.loadtest.tsbs;

import java.util.List;

/**
 * A TSBS use case as a stream of rows in TSBS's emission order, generated on demand in constant
 * memory (state per entity, none per row), the same rows for the same {@link GeneratorConfig}.
 * Formats ({@link LineProtocolFormat}, {@link CsvFormat}, {@link WriteRecordsFormat}) consume it
 * one {@link Point} at a time.
 */
public interface UseCaseGenerator {

    /** Every measurement a row can be of. */
    List<MeasurementSchema> measurements();

    /** Fills {@code point} with the next row; {@code false} once every row was produced. */
    boolean next(Point point);

    /** A point large enough for every measurement of this use case. */
    default Point newPoint() {
        int tags = 0;
        int fields = 0;
        for (MeasurementSchema m : measurements()) {
            tags = Math.max(tags, m.tagCount());
            fields = Math.max(fields, m.fieldCount());
        }
        return new Point(tags, fields);
    }
}
