package io.tidemark.sql.lexer;

import java.util.Set;
import java.util.TreeSet;

/**
 * The reserved words of the dialect (Timestream's published list): unquoted, they cannot name a
 * column, table or alias. Every other keyword (LIMIT, OFFSET, SHOW, ...) is a keyword only where
 * the grammar expects it.
 */
public final class Keywords {

    private static final Set<String> RESERVED_WORDS = Set.of(
            "ALTER", "AND", "AS", "BETWEEN", "BY", "CASE", "CAST", "CONSTRAINT", "CREATE", "CROSS", "CUBE",
            "CURRENT_DATE", "CURRENT_TIME", "CURRENT_TIMESTAMP", "CURRENT_USER", "DEALLOCATE", "DELETE", "DESCRIBE",
            "DISTINCT", "DROP", "ELSE", "END", "ESCAPE", "EXCEPT", "EXECUTE", "EXISTS", "EXTRACT", "FALSE", "FOR",
            "FROM", "FULL", "GROUP", "GROUPING", "HAVING", "IN", "INNER", "INSERT", "INTERSECT", "INTO", "IS", "JOIN",
            "LEFT", "LIKE", "LOCALTIME", "LOCALTIMESTAMP", "NATURAL", "NORMALIZE", "NOT", "NULL", "ON", "OR", "ORDER",
            "OUTER", "PREPARE", "RECURSIVE", "RIGHT", "ROLLUP", "SELECT", "TABLE", "THEN", "TRUE", "UESCAPE", "UNION",
            "UNNEST", "USING", "VALUES", "WHEN", "WHERE", "WITH");

    /** Looked up case-insensitively without allocating: the parser asks for every name it reads. */
    private static final Set<String> RESERVED = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

    static {
        RESERVED.addAll(RESERVED_WORDS);
    }

    private Keywords() {
    }

    /** True if {@code word} (any case) is reserved. */
    public static boolean isReserved(String word) {
        return RESERVED.contains(word);
    }
}
