package io.tidemark.sql.analyzer;

import io.tidemark.sql.ast.Identifier;
import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.sql.type.SqlType;
import java.util.Locale;
import java.util.Set;

/** The fields {@code EXTRACT(field FROM x)} knows (TIMESTREAM.md §4.11) and the types each applies to. */
final class ExtractFields {

    private static final Set<String> DATE_FIELDS = Set.of("YEAR", "QUARTER", "MONTH", "WEEK", "DAY", "DAY_OF_MONTH",
            "DAY_OF_WEEK", "DOW", "DAY_OF_YEAR", "DOY", "YEAR_OF_WEEK", "YOW");
    private static final Set<String> TIME_FIELDS = Set.of("HOUR", "MINUTE", "SECOND");

    private ExtractFields() {
    }

    /** True if {@code field} is known and can be taken from a value of {@code type}; throws for an unknown field. */
    static boolean accepts(Identifier field, SqlType type) {
        String name = field.value().toUpperCase(Locale.ROOT);
        boolean dateField = DATE_FIELDS.contains(name);
        boolean timeField = TIME_FIELDS.contains(name);
        if (!dateField && !timeField) {
            throw new SemanticException(field.location(), "Invalid EXTRACT field: " + field.value());
        }
        if (type == PrimitiveType.UNKNOWN || type == PrimitiveType.TIMESTAMP) {
            return true;
        }
        if (type == PrimitiveType.DATE) {
            return dateField;
        }
        if (type == PrimitiveType.TIME) {
            return timeField;
        }
        if (type == PrimitiveType.INTERVAL_DAY_TO_SECOND) {
            return timeField || name.equals("DAY");
        }
        if (type == PrimitiveType.INTERVAL_YEAR_TO_MONTH) {
            return name.equals("YEAR") || name.equals("MONTH");
        }
        return false;
    }
}
