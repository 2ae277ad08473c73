package io.tidemark.loadtest.bench;

import io.tidemark.loadtest.tsbs.TsbsVocabulary;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The TSBS cpu-only query set (timescale/tsbs {@code cmd/tsbs_generate_queries/uses/devops}) in
 * Timestream SQL, written the way a Timestream user writes them: {@code bin(time, …)} buckets,
 * {@code from_milliseconds(…)} bounds, the host's tags as dimension columns.
 *
 * <p>As in TSBS every query draws its hosts and window from a random source: hosts are distinct
 * {@code host_<i>}, a window of the query's length starts uniformly inside the data range. Unlike
 * TSBS the window start is aligned down to the query's bucket (a minute, or an hour for hourly
 * buckets), so a window holds whole buckets and a result's row count is known in advance (an
 * unaligned hour by the minute touches 61 buckets). When the data range is shorter than the window
 * the window starts at the first row.
 *
 * <p>lastpoint is {@code max_by} per host over the last hour of data: a Timestream user does not
 * scan the whole table for the latest reading (the console's own examples bound {@code time}), and
 * VictoriaMetrics's lastpoint in the peer figures looks back one hour too. One grouped pass over
 * that hour answers it; the self-join form ({@code max(time)} per host joined back to the table)
 * reads the hour twice.
 */
public final class TsbsQueries {

    private static final long MINUTE = TimeUnit.MINUTES.toMillis(1);
    private static final long HOUR = TimeUnit.HOURS.toMillis(1);

    /** The query types, named as TSBS names them. */
    public enum Type {
        LASTPOINT("lastpoint"),
        SINGLE_GROUPBY_1_1_1("single-groupby-1-1-1"),
        SINGLE_GROUPBY_1_1_12("single-groupby-1-1-12"),
        SINGLE_GROUPBY_1_8_1("single-groupby-1-8-1"),
        SINGLE_GROUPBY_5_1_1("single-groupby-5-1-1"),
        SINGLE_GROUPBY_5_1_12("single-groupby-5-1-12"),
        SINGLE_GROUPBY_5_8_1("single-groupby-5-8-1"),
        CPU_MAX_ALL_1("cpu-max-all-1"),
        CPU_MAX_ALL_8("cpu-max-all-8"),
        DOUBLE_GROUPBY_1("double-groupby-1"),
        DOUBLE_GROUPBY_5("double-groupby-5"),
        DOUBLE_GROUPBY_ALL("double-groupby-all"),
        HIGH_CPU_1("high-cpu-1"),
        HIGH_CPU_ALL("high-cpu-all"),
        GROUPBY_ORDERBY_LIMIT("groupby-orderby-limit");

        private final String label;

        Type(String label) {
            this.label = label;
        }

        /** TSBS's name of the query type, e.g. {@code single-groupby-1-1-1}. */
        public String label() {
            return label;
        }
    }

    private final String table;
    private final int hosts;
    private final long firstMillis;
    private final long endMillis;

    /**
     * @param database the table's database
     * @param tableName the table holding the data set
     * @param hosts hosts in the data set ({@code host_0 … host_<hosts-1>})
     * @param firstMillis time of the first row, epoch milliseconds
     * @param endMillis the end of the data range (exclusive: the last row's time plus the interval)
     */
    public TsbsQueries(String database, String tableName, int hosts, long firstMillis, long endMillis) {
        if (hosts <= 0 || endMillis <= firstMillis) {
            throw new IllegalArgumentException("cannot build queries: hosts=" + hosts + ", firstMillis=" + firstMillis
                    + ", endMillis=" + endMillis);
        }
        this.table = '"' + database + "\".\"" + tableName + '"';
        this.hosts = hosts;
        this.firstMillis = firstMillis;
        this.endMillis = endMillis;
    }

    /**
     * The random choices of one query: its hosts (empty when the query covers every host) and its
     * time window {@code [startMillis, endMillis)}. groupby-orderby-limit's SQL bounds only the end;
     * its start is the end minus an hour, a bound other systems' translations may use (the data is
     * dense, so the five latest minutes lie inside it). One draw renders the same query for every
     * system a comparison runs.
     */
    public record Draw(Type type, List<String> hosts, long startMillis, long endMillis) {
        public Draw {
            hosts = List.copyOf(hosts);
        }
    }

    /** The text of one query of {@code type}, its hosts and window drawn from {@code random}. */
    public String sql(Type type, SplittableRandom random) {
        return sql(draw(type, random));
    }

    /** The hosts and window of one query of {@code type}, drawn from {@code random}. */
    public Draw draw(Type type, SplittableRandom random) {
        return switch (type) {
            case LASTPOINT -> new Draw(type, List.of(), endMillis - HOUR, endMillis);
            case SINGLE_GROUPBY_1_1_1, SINGLE_GROUPBY_1_1_12, SINGLE_GROUPBY_5_1_1, SINGLE_GROUPBY_5_1_12 ->
                    windowThenHosts(type, 1, MINUTE, random);
            case SINGLE_GROUPBY_1_8_1, SINGLE_GROUPBY_5_8_1 -> windowThenHosts(type, 8, MINUTE, random);
            case CPU_MAX_ALL_1 -> windowThenHosts(type, 1, HOUR, random);
            case CPU_MAX_ALL_8 -> windowThenHosts(type, 8, HOUR, random);
            case DOUBLE_GROUPBY_1, DOUBLE_GROUPBY_5, DOUBLE_GROUPBY_ALL -> windowThenHosts(type, 0, HOUR, random);
            case HIGH_CPU_1 -> windowThenHosts(type, 1, MINUTE, random);
            case HIGH_CPU_ALL -> windowThenHosts(type, 0, MINUTE, random);
            case GROUPBY_ORDERBY_LIMIT -> {
                long end = windowStart(random, HOUR, MINUTE) + HOUR;
                yield new Draw(type, List.of(), end - HOUR, end);
            }
        };
    }

    /** The text of the query {@code draw} describes. */
    public String sql(Draw draw) {
        return switch (draw.type()) {
            case LASTPOINT -> lastpoint();
            case SINGLE_GROUPBY_1_1_1, SINGLE_GROUPBY_1_1_12, SINGLE_GROUPBY_1_8_1 -> singleGroupBy(1, draw);
            case SINGLE_GROUPBY_5_1_1, SINGLE_GROUPBY_5_1_12, SINGLE_GROUPBY_5_8_1 -> singleGroupBy(5, draw);
            case CPU_MAX_ALL_1, CPU_MAX_ALL_8 -> cpuMaxAll(draw);
            case DOUBLE_GROUPBY_1 -> doubleGroupBy(1, draw);
            case DOUBLE_GROUPBY_5 -> doubleGroupBy(5, draw);
            case DOUBLE_GROUPBY_ALL -> doubleGroupBy(TsbsVocabulary.FIELD_COUNT, draw);
            case HIGH_CPU_1, HIGH_CPU_ALL -> highCpu(draw);
            case GROUPBY_ORDERBY_LIMIT -> groupByOrderByLimit(draw);
        };
    }

    /** The window length of a query type in hours (lastpoint and groupby-orderby-limit: one hour). */
    public static int windowHours(Type type) {
        return switch (type) {
            case SINGLE_GROUPBY_1_1_12, SINGLE_GROUPBY_5_1_12, DOUBLE_GROUPBY_1, DOUBLE_GROUPBY_5, DOUBLE_GROUPBY_ALL,
                    HIGH_CPU_1, HIGH_CPU_ALL -> 12;
            case CPU_MAX_ALL_1, CPU_MAX_ALL_8 -> 8;
            case LASTPOINT, SINGLE_GROUPBY_1_1_1, SINGLE_GROUPBY_1_8_1, SINGLE_GROUPBY_5_1_1, SINGLE_GROUPBY_5_8_1,
                    GROUPBY_ORDERBY_LIMIT -> 1;
        };
    }

    /** A window of the type's length aligned to {@code alignMillis}, then {@code hostCount} distinct hosts (0: all). */
    private Draw windowThenHosts(Type type, int hostCount, long alignMillis, SplittableRandom random) {
        long length = windowHours(type) * HOUR;
        long start = windowStart(random, length, alignMillis);
        return new Draw(type, hostCount == 0 ? List.of() : pickHosts(hostCount, random), start, start + length);
    }

    /**
     * A plain aggregate over every row: the row count and the mean of each of the ten fields, so
     * every (row, field) value is read once.
     */
    public String scanAll() {
        return "SELECT count(*) AS row_count, " + aggregates("avg", "mean", TsbsVocabulary.FIELD_COUNT)
                + " FROM " + table;
    }

    /** lastpoint: the latest reading of every host. */
    private String lastpoint() {
        StringBuilder sql = new StringBuilder("SELECT hostname, max(time) AS time");
        for (String field : TsbsVocabulary.FIELD_NAMES) {
            sql.append(", max_by(").append(field).append(", time) AS ").append(field);
        }
        return sql.append(" FROM ").append(table).append(" WHERE time >= from_milliseconds(").append(endMillis - HOUR)
                .append(") GROUP BY hostname ORDER BY hostname").toString();
    }

    /** MAX of the first {@code metrics} fields of the drawn hosts over the window, by the minute. */
    private String singleGroupBy(int metrics, Draw draw) {
        return "SELECT bin(time, 1m) AS minute, " + aggregates("max", "max", metrics) + " FROM " + table
                + " WHERE " + hostPredicate(draw.hosts()) + " AND " + window(draw.startMillis(), draw.endMillis())
                + " GROUP BY bin(time, 1m) ORDER BY minute";
    }

    /** MAX of all ten fields of the drawn hosts over 8 hours (or 1), by the hour. */
    private String cpuMaxAll(Draw draw) {
        return "SELECT bin(time, 1h) AS hour, " + aggregates("max", "max", TsbsVocabulary.FIELD_COUNT) + " FROM "
                + table + " WHERE " + hostPredicate(draw.hosts()) + " AND "
                + window(draw.startMillis(), draw.endMillis()) + " GROUP BY bin(time, 1h) ORDER BY hour";
    }

    /** AVG of the first {@code metrics} fields per host per hour over 12 hours, every host. */
    private String doubleGroupBy(int metrics, Draw draw) {
        return "SELECT bin(time, 1h) AS hour, hostname, " + aggregates("avg", "mean", metrics) + " FROM " + table
                + " WHERE " + window(draw.startMillis(), draw.endMillis()) + " GROUP BY bin(time, 1h), hostname"
                + " ORDER BY hour, hostname";
    }

    /** Every reading with usage_user above 90 over 12 hours, of one host or of all. */
    private String highCpu(Draw draw) {
        return "SELECT * FROM " + table + " WHERE usage_user > 90 AND " + window(draw.startMillis(), draw.endMillis())
                + (draw.hosts().isEmpty() ? "" : " AND " + hostPredicate(draw.hosts()));
    }

    /** The five latest minutes' MAX(usage_user) before the drawn end. */
    private String groupByOrderByLimit(Draw draw) {
        return "SELECT bin(time, 1m) AS minute, max(usage_user) AS max_usage_user FROM " + table
                + " WHERE time < from_milliseconds(" + draw.endMillis() + ") GROUP BY 1 ORDER BY minute DESC LIMIT 5";
    }

    /** A window start in [first, end - length], aligned down to {@code alignMillis}, not before the data. */
    private long windowStart(SplittableRandom random, long lengthMillis, long alignMillis) {
        long latest = endMillis - lengthMillis;
        if (latest <= firstMillis) {
            return firstMillis;
        }
        long start = firstMillis + random.nextLong(latest - firstMillis + 1);
        return Math.max(firstMillis, start - Math.floorMod(start, alignMillis));
    }

    private static String window(long startMillis, long endMillis) {
        return "time >= from_milliseconds(" + startMillis + ") AND time < from_milliseconds(" + endMillis + ")";
    }

    /** {@code count} distinct random hosts (at most all), {@code host_<i>}. */
    private List<String> pickHosts(int count, SplittableRandom random) {
        List<Integer> all = new ArrayList<>(hosts);
        for (int h = 0; h < hosts; h++) {
            all.add(h);
        }
        int n = Math.min(count, hosts);
        List<String> picked = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int j = i + random.nextInt(hosts - i);
            Integer chosen = all.set(j, all.get(i));
            picked.add("host_" + chosen);
        }
        return picked;
    }

    /** {@code hostname = 'host_5'}, or {@code hostname IN ('host_5', …)}. */
    private static String hostPredicate(List<String> hosts) {
        List<String> quoted = new ArrayList<>(hosts.size());
        for (String host : hosts) {
            quoted.add("'" + host + "'");
        }
        return quoted.size() == 1 ? "hostname = " + quoted.get(0) : "hostname IN (" + String.join(", ", quoted) + ")";
    }

    /** {@code max(usage_user) AS max_usage_user, …} over the first {@code count} fields. */
    private static String aggregates(String function, String prefix, int count) {
        StringBuilder sql = new StringBuilder();
        for (int f = 0; f < count; f++) {
            String field = TsbsVocabulary.FIELD_NAMES.get(f);
            sql.append(f == 0 ? "" : ", ").append(function).append('(').append(field).append(") AS ").append(prefix)
                    .append('_').append(field);
        }
        return sql.toString();
    }
}
