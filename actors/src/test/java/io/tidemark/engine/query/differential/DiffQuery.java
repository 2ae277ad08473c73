package io.tidemark.engine.query.differential;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One differential case: the query as Tidemark runs it (Timestream's dialect), the same query in
 * DuckDB's dialect, whether the result order is significant (a top-level ORDER BY, which the
 * suite's queries always make total), and, for a known Tidemark defect, why the results still
 * differ (null when they must agree).
 */
public record DiffQuery(String name, String sql, String duckSql, boolean ordered, String knownDifference) {

    private static final Pattern UNQUOTED_MEASURE_VALUE =
            Pattern.compile("(?<![\"\\w])measure_value::(double|bigint|varchar|boolean)");
    private static final Pattern ORDER_BY = Pattern.compile("\\bORDER\\s+BY\\b");
    private static final String COUNT_IF = "count_if(";

    /** A query both engines read the same way, up to {@link #toDuck}'s rewriting. */
    public static DiffQuery of(String name, String sql) {
        return new DiffQuery(name, sql, toDuck(sql), hasTopLevelOrderBy(sql), null);
    }

    /** A query whose DuckDB text differs where the dialects disagree (integer division, extraction functions…). */
    public static DiffQuery of(String name, String sql, String duckSql) {
        return new DiffQuery(name, sql, toDuck(duckSql), hasTopLevelOrderBy(sql), null);
    }

    /** This case marked as a known Tidemark defect: the suite checks it still differs. */
    public DiffQuery known(String reason) {
        return new DiffQuery(name, sql, duckSql, ordered, reason);
    }

    /**
     * Rewrites where DuckDB's built-ins differ from Trino's: Timestream's
     * {@code measure_value::double} is a column name usable unquoted, but in DuckDB {@code ::} is a
     * cast, so the name is quoted; Trino's {@code count_if} is 0 over no true value, DuckDB's NULL,
     * so it becomes a count of a CASE.
     */
    static String toDuck(String sql) {
        Matcher matcher = UNQUOTED_MEASURE_VALUE.matcher(sql);
        return countIfAsCount(matcher.replaceAll("\"measure_value::$1\""));
    }

    private static String countIfAsCount(String sql) {
        StringBuilder out = new StringBuilder();
        int from = 0;
        int at;
        while ((at = sql.toLowerCase(Locale.ROOT).indexOf(COUNT_IF, from)) >= 0) {
            int open = at + COUNT_IF.length() - 1;
            int close = matchingParenthesis(sql, open);
            out.append(sql, from, at).append("count(CASE WHEN ").append(countIfAsCount(sql.substring(open + 1, close)))
                    .append(" THEN 1 END)");
            from = close + 1;
        }
        return out.append(sql.substring(from)).toString();
    }

    private static int matchingParenthesis(String sql, int open) {
        int depth = 0;
        boolean quoted = false;
        for (int i = open; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("cannot rewrite count_if: unbalanced parentheses in " + sql);
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
