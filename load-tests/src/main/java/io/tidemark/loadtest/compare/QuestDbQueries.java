package io.tidemark.loadtest.compare;

import io.tidemark.loadtest.bench.TsbsQueries.Draw;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The TSBS cpu-only queries in QuestDB's SQL ({@code /exec?query=}): {@code SAMPLE BY} buckets
 * aligned to the calendar, {@code LATEST ON … PARTITION BY hostname} for lastpoint.
 */
public final class QuestDbQueries {

    private static final DateTimeFormatter MICROS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    public PeerQuery render(Draw draw) {
        QueryShape shape = QueryShape.of(draw.type());
        String window = "timestamp >= " + literal(draw.startMillis()) + " AND timestamp < " + literal(draw.endMillis());
        String text = switch (draw.type()) {
            case LASTPOINT -> "SELECT * FROM cpu WHERE timestamp >= " + literal(draw.startMillis())
                    + " LATEST ON timestamp PARTITION BY hostname";
            case SINGLE_GROUPBY_1_1_1, SINGLE_GROUPBY_1_1_12, SINGLE_GROUPBY_1_8_1, SINGLE_GROUPBY_5_1_1,
                    SINGLE_GROUPBY_5_1_12, SINGLE_GROUPBY_5_8_1 -> "SELECT timestamp, "
                    + aggregates("max", shape.fields()) + " FROM cpu WHERE " + hosts(draw.hosts()) + " AND " + window
                    + " SAMPLE BY 1m ALIGN TO CALENDAR";
            case CPU_MAX_ALL_1, CPU_MAX_ALL_8 -> "SELECT timestamp, " + aggregates("max", shape.fields())
                    + " FROM cpu WHERE " + hosts(draw.hosts()) + " AND " + window + " SAMPLE BY 1h ALIGN TO CALENDAR";
            case DOUBLE_GROUPBY_1, DOUBLE_GROUPBY_5, DOUBLE_GROUPBY_ALL -> "SELECT timestamp, hostname, "
                    + aggregates("avg", shape.fields()) + " FROM cpu WHERE " + window + " SAMPLE BY 1h ALIGN TO CALENDAR";
            case HIGH_CPU_1, HIGH_CPU_ALL -> "SELECT * FROM cpu WHERE usage_user > 90 AND " + window
                    + (draw.hosts().isEmpty() ? "" : " AND " + hosts(draw.hosts()));
            case GROUPBY_ORDERBY_LIMIT -> "SELECT timestamp, max(usage_user) max_usage_user FROM cpu WHERE " + window
                    + " SAMPLE BY 1m ALIGN TO CALENDAR ORDER BY timestamp DESC LIMIT 5";
        };
        return new PeerQuery(text, Map.of("query", text));
    }

    /** {@code '2016-01-01T00:00:00.000000Z'}. */
    static String literal(long epochMillis) {
        return "'" + MICROS.format(Instant.ofEpochMilli(epochMillis)) + "'";
    }

    private static String aggregates(String function, List<String> fields) {
        List<String> columns = new ArrayList<>(fields.size());
        for (String field : fields) {
            columns.add(function + "(" + field + ") " + function + "_" + field);
        }
        return String.join(", ", columns);
    }

    /** {@code hostname IN ('host_5', 'host_7')}. */
    private static String hosts(List<String> hosts) {
        List<String> quoted = new ArrayList<>(hosts.size());
        for (String host : hosts) {
            quoted.add("'" + host + "'");
        }
        return "hostname IN (" + String.join(", ", quoted) + ")";
    }
}
