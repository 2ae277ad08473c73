package io.tidemark.engine.query.differential;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Random queries over {@code diffdb.cpu} and {@code diffdb.metrics} from a small grammar: a
 * filter of one to three predicates joined by AND/OR (some negated), then either a grouped query
 * (one to three keys, one to four aggregates, sometimes HAVING, ordered by every key so the order
 * is total, sometimes with LIMIT) or a plain selection ordered by the row's identity
 * (host, measure_name, time). Seeded: the same seed gives the same queries.
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

    private final Random random;

    public QueryGenerator(long seed) {
        this.random = new Random(seed);
    }

    public List<DiffQuery> generate(int count) {
        List<DiffQuery> queries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            boolean cpu = random.nextInt(4) != 0;
            String sql = random.nextInt(3) == 0 ? selection(cpu) : grouped(cpu);
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
