package io.tidemark.loadtest.compare;

import io.tidemark.loadtest.bench.TsbsQueries.Draw;
import io.tidemark.loadtest.tsbs.TsbsVocabulary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The TSBS cpu-only queries in InfluxQL (InfluxDB 1.x {@code /query}), written as TSBS's own
 * InfluxDB adapter writes them, with {@code fill(none)} so that no empty bucket appears that the
 * other systems leave out. Times are asked for as epoch milliseconds ({@code epoch=ms}).
 */
public final class InfluxQlQueries {

    private final String database;

    public InfluxQlQueries(String database) {
        this.database = database;
    }

    public PeerQuery render(Draw draw) {
        QueryShape shape = QueryShape.of(draw.type());
        String window = "time >= " + draw.startMillis() + "ms AND time < " + draw.endMillis() + "ms";
        String text = switch (draw.type()) {
            case LASTPOINT -> "SELECT last(*) FROM cpu WHERE time >= " + draw.startMillis() + "ms GROUP BY hostname";
            case SINGLE_GROUPBY_1_1_1, SINGLE_GROUPBY_1_1_12, SINGLE_GROUPBY_1_8_1, SINGLE_GROUPBY_5_1_1,
                    SINGLE_GROUPBY_5_1_12, SINGLE_GROUPBY_5_8_1 -> "SELECT " + aggregates("max", shape.fields())
                    + " FROM cpu WHERE " + hosts(draw.hosts()) + " AND " + window + " GROUP BY time(1m) fill(none)";
            case CPU_MAX_ALL_1, CPU_MAX_ALL_8 -> "SELECT " + aggregates("max", shape.fields()) + " FROM cpu WHERE "
                    + hosts(draw.hosts()) + " AND " + window + " GROUP BY time(1h) fill(none)";
            case DOUBLE_GROUPBY_1, DOUBLE_GROUPBY_5, DOUBLE_GROUPBY_ALL -> "SELECT " + aggregates("mean", shape.fields())
                    + " FROM cpu WHERE " + window + " GROUP BY time(1h), hostname fill(none)";
            case HIGH_CPU_1, HIGH_CPU_ALL -> "SELECT * FROM cpu WHERE usage_user > 90 AND " + window
                    + (draw.hosts().isEmpty() ? "" : " AND " + hosts(draw.hosts()));
            case GROUPBY_ORDERBY_LIMIT -> "SELECT max(usage_user) AS max_usage_user FROM cpu WHERE " + window
                    + " GROUP BY time(1m) fill(none) ORDER BY time DESC LIMIT 5";
        };
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("db", database);
        parameters.put("epoch", "ms");
        parameters.put("q", text);
        return new PeerQuery(text, parameters);
    }

    /** {@code max(usage_user) AS max_usage_user, …}. */
    private static String aggregates(String function, List<String> fields) {
        List<String> columns = new ArrayList<>(fields.size());
        for (String field : fields) {
            columns.add(function + "(" + field + ") AS " + function + "_" + field);
        }
        return String.join(", ", columns);
    }

    /** {@code (hostname = 'host_5' OR hostname = 'host_7')}. */
    private static String hosts(List<String> hosts) {
        List<String> terms = new ArrayList<>(hosts.size());
        for (String host : hosts) {
            terms.add(TsbsVocabulary.TAG_NAMES.get(0) + " = '" + host + "'");
        }
        return "(" + String.join(" OR ", terms) + ")";
    }
}
