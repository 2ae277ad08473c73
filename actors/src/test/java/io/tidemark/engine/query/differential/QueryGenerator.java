package io.tidemark.engine.query.differential;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Random queries over {@code diffdb.cpu} and {@code diffdb.metrics} from a small grammar: a
 * filter of one to three predicates joined by AND/OR (some negated), then one of
 * <ul>
 * <li>a grouped query (one to three keys, one to four aggregates, sometimes HAVING, ordered by
 *     every key so the order is total, sometimes with LIMIT);</li>
 * <li>a plain selection ordered by the row's identity (host, measure_name, time);</li>
 * <li>a join of cpu with hosts (any join type, sometimes an extra ON condition) grouped by both
 *     sides' keys;</li>
 * <li>window functions over each cpu series: ordered by time with ROWS frames, or by a value
 *     column where only functions that treat peers alike are used.</li>
 * </ul>
 * Seeded: the same seed gives the same queries.
 */
public final class QueryGenerator {

    private static final String[] CPU_PREDICATES = {
        "measure_name = 'usage'", "measure_name IN ('requests', 'status')", "host IN ('h01', 'h04', 'h07')",
        "host <> 'h02'", "measure_value::double > 25", "measure_value::double <= 0", "measure_value::double BETWEEN -10 AND 10",
        "measure_value::bigint > 2500", "measure_value::bigint BETWEEN 0 AND 100", "az IS NULL", "az = 'az-b'",
        "region = 'us-east-1'", "region IS NOT NULL", "time > timestamp '2026-03-10 11:35:00'",
        "time <= timestamp '2026-03-10 11:20:30'", "host LIKE 'h0_'", "measure_value::varchar LIKE '%r%'",
        "measure_value::boolean", "length(host) = 3", "coalesce(az, 'x') <> 'az-a'",
    };
    private static final String[] CPU_KEYS = {"region", "host", "az", "measure_name", "date_trunc('hour', time)",
        "measure_value::boolean", "measure_value::varchar"};
    private static final String[] CPU_AGGREGATES = {"count(*)", "count(measure_value::double)", "sum(measure_value::double)",
        "min(measure_value::double)", "max(measure_value::double)", "avg(measure_value::double)", "sum(measure_value::bigint)",
        "max(measure_value::bigint)", "avg(measure_value::bigint)", "count(DISTINCT host)", "count(DISTINCT measure_name)",
        "min(time)", "max(time)", "max(measure_value::varchar)", "count_if(measure_value::double > 0)",
        "stddev_pop(measure_value::double)", "bool_or(measure_value::boolean)", "count(az)"};
    private static final String[] CPU_PROJECTIONS = {"measure_value::double", "measure_value::bigint", "measure_value::varchar",
        "measure_value::boolean", "az", "region", "measure_value::double * 2 - 1", "abs(measure_value::bigint)",
        "coalesce(measure_value::double, -1.0)", "upper(measure_value::varchar)", "measure_value::bigint % 10",
        "CASE WHEN measure_value::double > 0 THEN 'p' ELSE 'n' END", "floor(measure_value::double)"};

    private static final String[] METRICS_PREDICATES = {"measure_name = 'stats'", "measure_name = 'net'", "load > 3",
        "conns < 50", "mode IN ('busy', 'idle')", "ok", "NOT ok", "rx > 500000", "host IN ('h02', 'h03')",
        "region <> 'eu-west-1'", "mode IS NULL", "load IS NOT NULL", "time > timestamp '2026-03-10 11:30:00'"};
    private static final String[] METRICS_KEYS = {"region", "host", "measure_name", "mode", "ok"};
    private static final String[] METRICS_AGGREGATES = {"count(*)", "sum(conns)", "avg(load)", "max(load)", "min(rx)",
        "sum(tx)", "count(mode)", "count(DISTINCT mode)", "max(time)", "bool_and(ok)"};
    private static final String[] METRICS_PROJECTIONS = {"load", "conns", "mode", "ok", "rx", "tx", "load * conns",
        "coalesce(mode, 'none')", "rx + tx"};

    private static final String[] JOIN_TYPES = {"JOIN", "LEFT JOIN", "RIGHT JOIN", "FULL JOIN"};
    private static final String[] JOIN_AGGREGATES = {"count(*)", "count(c.time)", "count(h.owner)",
        "sum(c.measure_value::double)", "max(h.measure_value::bigint)", "count(DISTINCT c.measure_name)",
        "min(c.measure_value::bigint)", "sum(c.measure_value::bigint - h.measure_value::bigint)"};
    private static final String[] JOIN_CONDITIONS = {"c.measure_name = 'usage'", "h.tier = 'gold'",
        "c.measure_value::bigint > h.measure_value::bigint", "h.owner IS NOT NULL", "c.az IS NULL"};
    private static final String[] JOIN_FILTERS = {"c.measure_name <> 'healthy'", "h.owner IS NULL",
        "c.measure_value::double > 0", "h.tier = 'silver' OR c.region = 'eu-west-1'"};
    private static final String[] TIME_ORDERED_WINDOWS = {"row_number()", "rank()", "sum(measure_value::double)",
        "avg(measure_value::bigint)", "min(measure_value::double)", "max(measure_value::varchar)", "count(*)",
        "count(measure_value::boolean)", "lag(measure_value::double)", "lag(measure_value::bigint, 3)",
        "lead(measure_value::varchar, 2)", "lead(measure_value::double, 1, -1.0)", "first_value(measure_value::bigint)",
        "last_value(measure_value::double)", "ntile(5)", "percent_rank()", "cume_dist()", "nth_value(measure_value::double, 3)"};
    private static final String[] PEER_SAFE_WINDOWS = {"rank()", "dense_rank()", "percent_rank()", "cume_dist()",
        "count(*)", "sum(measure_value::double)", "max(measure_value::bigint)", "min(time)", "avg(measure_value::double)"};
    private static final String[] VALUE_ORDERS = {"measure_value::double", "measure_value::bigint DESC",
        "measure_value::varchar NULLS FIRST", "measure_value::boolean DESC NULLS LAST", "date_trunc('minute', time)"};
    private static final String[] ROWS_FRAMES = {"ROWS BETWEEN 2 PRECEDING AND CURRENT ROW",
        "ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING", "ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING",
        "ROWS BETWEEN CURRENT ROW AND 3 FOLLOWING", "ROWS BETWEEN 5 PRECEDING AND 2 PRECEDING", "ROWS UNBOUNDED PRECEDING"};

    private static final java.util.regex.Pattern FRAMED =
            java.util.regex.Pattern.compile("(sum|avg|min|max|count|first_value|last_value|nth_value)\\(");

    private final Random random;

    public QueryGenerator(long seed) {
        this.random = new Random(seed);
    }

    public List<DiffQuery> generate(int count) {
        List<DiffQuery> queries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            boolean cpu = random.nextInt(4) != 0;
            int family = random.nextInt(8);
            String sql = family < 2 ? selection(cpu) : family == 2 ? join() : family == 3 ? window() : grouped(cpu);
            queries.add(DiffQuery.of(String.format("g%03d", i), sql));
        }
        return queries;
    }

    private String grouped(boolean cpu) {
        String[] keyPool = cpu ? CPU_KEYS : METRICS_KEYS;
        String[] aggregatePool = cpu ? CPU_AGGREGATES : METRICS_AGGREGATES;
        List<String> keys = pick(keyPool, 1 + random.nextInt(3));
        List<String> aggregates = pick(aggregatePool, 1 + random.nextInt(4));
        StringBuilder sql = new StringBuilder("SELECT ").append(String.join(", ", keys)).append(", ")
                .append(String.join(", ", aggregates)).append(" FROM ").append(table(cpu));
        appendWhere(sql, cpu);
        sql.append(" GROUP BY ");
        List<String> ordinals = new ArrayList<>();
        for (int k = 1; k <= keys.size(); k++) {
            ordinals.add(Integer.toString(k));
        }
        sql.append(random.nextBoolean() ? String.join(", ", ordinals) : String.join(", ", keys));
        if (random.nextInt(4) == 0) {
            sql.append(" HAVING count(*) > ").append(random.nextInt(20));
        }
        sql.append(" ORDER BY ");
        List<String> order = new ArrayList<>();
        for (int k = 1; k <= keys.size(); k++) {
            order.add(k + (random.nextBoolean() ? " ASC" : " DESC") + (random.nextBoolean() ? " NULLS FIRST" : " NULLS LAST"));
        }
        sql.append(String.join(", ", order));
        if (random.nextInt(3) == 0) {
            sql.append(" LIMIT ").append(1 + random.nextInt(10));
        }
        return sql.toString();
    }

    private String selection(boolean cpu) {
        List<String> projections = pick(cpu ? CPU_PROJECTIONS : METRICS_PROJECTIONS, 1 + random.nextInt(3));
        StringBuilder sql = new StringBuilder("SELECT host, measure_name, time, ").append(String.join(", ", projections))
                .append(" FROM ").append(table(cpu));
        appendWhere(sql, cpu);
        String direction = random.nextBoolean() ? "" : " DESC";
        sql.append(" ORDER BY host").append(direction).append(", measure_name, time").append(direction);
        if (random.nextBoolean()) {
            sql.append(" LIMIT ").append(1 + random.nextInt(40));
        }
        return sql.toString();
    }

    private String join() {
        String type = JOIN_TYPES[random.nextInt(JOIN_TYPES.length)];
        List<String> aggregates = pick(JOIN_AGGREGATES, 1 + random.nextInt(3));
        StringBuilder sql = new StringBuilder("SELECT c.host, h.tier, ").append(String.join(", ", aggregates))
                .append(" FROM diffdb.cpu c ").append(type).append(" diffdb.hosts h ON c.host = h.host");
        if (random.nextBoolean()) {
            sql.append(" AND ").append(JOIN_CONDITIONS[random.nextInt(JOIN_CONDITIONS.length)]);
        }
        if (random.nextBoolean()) {
            sql.append(" WHERE ").append(JOIN_FILTERS[random.nextInt(JOIN_FILTERS.length)]);
        }
        return sql.append(" GROUP BY c.host, h.tier ORDER BY 1 NULLS FIRST, 2 NULLS FIRST").toString();
    }

    private String window() {
        boolean byTime = random.nextInt(3) != 0;
        String partition = random.nextBoolean() ? "host, measure_name" : "measure_name, host";
        List<String> calls = new ArrayList<>();
        for (int i = 0; i < 1 + random.nextInt(3); i++) {
            String function;
            String frame = "";
            if (byTime) {
                function = TIME_ORDERED_WINDOWS[random.nextInt(TIME_ORDERED_WINDOWS.length)];
                if (FRAMED.matcher(function).lookingAt()) {
                    frame = " " + ROWS_FRAMES[random.nextInt(ROWS_FRAMES.length)];
                }
            } else {
                function = PEER_SAFE_WINDOWS[random.nextInt(PEER_SAFE_WINDOWS.length)];
            }
            String order = byTime ? "time" + (random.nextBoolean() ? "" : " DESC")
                    : VALUE_ORDERS[random.nextInt(VALUE_ORDERS.length)];
            calls.add(function + " OVER (PARTITION BY " + partition + " ORDER BY " + order + frame + ")");
        }
        StringBuilder sql = new StringBuilder("SELECT host, measure_name, time, ").append(String.join(", ", calls))
                .append(" FROM diffdb.cpu");
        appendWhere(sql, true);
        return sql.append(" ORDER BY host, measure_name, time").toString();
    }

    private void appendWhere(StringBuilder sql, boolean cpu) {
        int predicates = random.nextInt(4);
        if (predicates == 0) {
            return;
        }
        List<String> chosen = pick(cpu ? CPU_PREDICATES : METRICS_PREDICATES, predicates);
        StringBuilder where = new StringBuilder();
        for (int i = 0; i < chosen.size(); i++) {
            if (i > 0) {
                where.append(random.nextInt(3) == 0 ? " OR " : " AND ");
            }
            String predicate = chosen.get(i);
            where.append(random.nextInt(6) == 0 ? "NOT (" + predicate + ")" : predicate);
        }
        sql.append(" WHERE ").append(chosen.size() > 1 && random.nextBoolean() ? "(" + where + ")" : where);
    }

    private static String table(boolean cpu) {
        return cpu ? "diffdb.cpu" : "diffdb.metrics";
    }

    private List<String> pick(String[] pool, int count) {
        Set<String> chosen = new LinkedHashSet<>();
        while (chosen.size() < Math.min(count, pool.length)) {
            chosen.add(pool[random.nextInt(pool.length)]);
        }
        return new ArrayList<>(chosen);
    }
}
