package io.tidemark.engine.query.differential;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One differential case: the query as Tidemark runs it (Timestream's dialect), the same query in
 * DuckDB's dialect, and whether the result order is significant (a top-level ORDER BY, which the
 * suite's queries always make total).
 */
public record DiffQuery(String name, String sql, String duckSql, boolean ordered) {

    private static final Pattern UNQUOTED_MEASURE_VALUE =
            Pattern.compile("(?<![\"\\w])measure_value::(double|bigint|varchar|boolean)");
    private static final Pattern ORDER_BY = Pattern.compile("\\bORDER\\s+BY\\b");

    /** A query both engines read the same way, up to {@link #toDuck}'s rewriting. */
    public static DiffQuery of(String name, String sql) {
        return new DiffQuery(name, sql, toDuck(sql), hasTopLevelOrderBy(sql));
    }

    /** A query whose DuckDB text differs where the dialects disagree (integer division, extraction functions…). */
    public static DiffQuery of(String name, String sql, String duckSql) {
        return new DiffQuery(name, sql, toDuck(duckSql), hasTopLevelOrderBy(sql));
    }

    /**
     * Timestream's {@code measure_value::double} is a column name usable unquoted; in DuckDB
     * {@code ::} is a cast, so the name is quoted there.
     */
    static String toDuck(String sql) {
        Matcher matcher = UNQUOTED_MEASURE_VALUE.matcher(sql);
        return matcher.replaceAll("\"measure_value::$1\"");
    }

    static boolean hasTopLevelOrderBy(String sql) {
        String upper = sql.toUpperCase(Locale.ROOT);
        int depth = 0;
        boolean quoted = false;
        StringBuilder topLevel = new StringBuilder();
        for (int i = 0; i < upper.length(); i++) {
            char c = upper.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
            } else if (!quoted && depth == 0) {
                topLevel.append(c);
                continue;
            }
            topLevel.append(' ');
        }
        return ORDER_BY.matcher(topLevel).find();
    }

    @Override
    public String toString() {
        return name + ": " + sql;
    }
}
