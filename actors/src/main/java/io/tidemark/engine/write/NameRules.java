package io.tidemark.engine.write;

import static io.tidemark.engine.write.ValidationErrors.quote;

import io.tidemark.engine.catalog.CatalogRules;

/**
 * Timestream's rules for the names a record brings: dimension names, measure names and
 * multi-measure attribute names. Names are compared as written (case-sensitive, like Timestream).
 * {@code measure_name}, {@code measure_value}, {@code time} and {@code ts_non_existent_col} are
 * system identifiers, and no name may start with {@code ts_}, {@code measure_name} or
 * {@code measure_value} (so the single-measure value columns {@code measure_value::double} … cannot
 * be shadowed). Dimension and attribute names become SQL columns and may not contain a colon.
 */
final class NameRules {

    private NameRules() {
    }

    /** Why {@code name} cannot be used as a {@code kind} ("dimension name" …), or null when it can. */
    static String reservedReason(String kind, String name) {
        if (CatalogRules.isReservedRecordName(name)) {
            return "The " + kind + " " + quote(name) + " is reserved: measure_name, measure_value, time and"
                    + " ts_non_existent_col are system identifiers, and names must not start with ts_, measure_name"
                    + " or measure_value.";
        }
        return null;
    }

    /** As {@link #reservedReason}, and also refuses a colon: the name becomes a column. */
    static String columnNameReason(String kind, String name) {
        String reserved = reservedReason(kind, name);
        if (reserved != null) {
            return reserved;
        }
        if (name.indexOf(':') >= 0) {
            return "The " + kind + " " + quote(name) + " contains a colon, which column names must not contain.";
        }
        return null;
    }

    /** Why a name is longer than {@code maxBytes} UTF-8 bytes, or null when it fits. */
    static String lengthReason(String kind, String name, int maxBytes) {
        // A char is at most 3 UTF-8 bytes (a surrogate pair, 2 chars, is 4): short names need no count.
        if ((long) name.length() * 3 <= maxBytes) {
            return null;
        }
        int bytes = IngestBatch.utf8Length(name);
        if (bytes > maxBytes) {
            return "The " + kind + " " + quote(name) + " is " + bytes + " bytes long; the limit is " + maxBytes
                    + " bytes.";
        }
        return null;
    }
}
