package io.tidemark.loadtest.compare;

import io.tidemark.loadtest.bench.TsbsQueries.Draw;
import io.tidemark.loadtest.bench.TsbsQueries.Type;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The TSBS cpu-only queries in MetricsQL, VictoriaMetrics's PromQL (line protocol
 * {@code cpu,… usage_user=…} is stored as the metric {@code cpu_usage_user}).
 *
 * <p>PromQL has no buckets: a range query evaluates its expression at {@code start + k*step}, and
 * {@code max_over_time(m[1m])} at {@code t} covers {@code (t-1m, t]}. Evaluated at a bucket's start
 * plus the bucket minus one interval, that window holds exactly the bucket's readings, so every
 * bucketed query is asked at those instants and its times are shifted back by
 * {@link #shiftMillis(Type)}. high-cpu is the ten fields sampled at every reading's time where
 * usage_user is above 90 ({@code and on(hostname)}); lastpoint is {@code last_over_time} over the
 * last hour at the data's end; groupby-orderby-limit is asked for the five buckets before its end
 * only, PromQL having no ORDER BY … LIMIT. {@code keep_metric_names} keeps the field in the series name through
 * the rollup. Windows are cut at the data's end, as PromQL would otherwise repeat the last reading
 * for five minutes past it. Every request carries {@code nocache=1}, so that the rollup cache
 * answers nothing.
 */
public final class MetricsQlQueries {

    /** groupby-orderby-limit's LIMIT: the latest five buckets. */
    private static final int LIMIT = 5;

    private final DataRange data;

    public MetricsQlQueries(DataRange data) {
        this.data = data;
    }

    public PeerQuery render(Draw draw) {
        QueryShape shape = QueryShape.of(draw.type());
        String fields = "__name__=~\"cpu_(" + String.join("|", shape.fields()) + ")\"";
        String selector = draw.hosts().isEmpty() ? "{" + fields + "}"
                : "{" + fields + "," + hosts(draw.hosts()) + "}";
        long end = Math.min(draw.endMillis(), data.endMillis());
        String function = QueryShape.aggregate(draw.type());
        return switch (draw.type()) {
            case LASTPOINT -> instant("last_over_time(" + selector + "[1h]) keep_metric_names", data.endMillis());
            case DOUBLE_GROUPBY_1, DOUBLE_GROUPBY_5, DOUBLE_GROUPBY_ALL -> bucketed("avg by (__name__, hostname) (avg_over_time("
                    + selector + "[1h]) keep_metric_names)", draw, shape, end);
            case GROUPBY_ORDERBY_LIMIT -> bucketed("max by (__name__) (max_over_time(" + selector
                    + "[1m]) keep_metric_names)", new Draw(draw.type(), draw.hosts(),
                    Math.max(draw.startMillis(), end - LIMIT * shape.bucketMillis()), end), shape, end);
            case HIGH_CPU_1, HIGH_CPU_ALL -> range(selector + " and on(hostname) (cpu_usage_user"
                    + (draw.hosts().isEmpty() ? "" : "{" + hosts(draw.hosts()) + "}") + " > 90)",
                    draw.startMillis(), end - data.intervalMillis(), data.intervalMillis());
            default -> bucketed(function + " by (__name__) (" + function + "_over_time(" + selector + "["
                    + duration(shape.bucketMillis()) + "]) keep_metric_names)", draw, shape, end);
        };
    }

    /** How far the instants a query of {@code type} is evaluated at lie past its buckets' starts. */
    public long shiftMillis(Type type) {
        long bucket = QueryShape.of(type).bucketMillis();
        return bucket == 0 ? 0 : bucket - data.intervalMillis();
    }

    private PeerQuery bucketed(String query, Draw draw, QueryShape shape, long end) {
        long shift = shape.bucketMillis() - data.intervalMillis();
        return range(query, draw.startMillis() + shift, end - shape.bucketMillis() + shift, shape.bucketMillis());
    }

    private static PeerQuery range(String query, long startMillis, long endMillis, long stepMillis) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("query", query);
        parameters.put("start", seconds(startMillis));
        parameters.put("end", seconds(endMillis));
        parameters.put("step", seconds(stepMillis));
        parameters.put("nocache", "1");
        return new PeerQuery(query + " [" + parameters.get("start") + ", " + parameters.get("end") + "] step "
                + duration(stepMillis), parameters);
    }

    private static PeerQuery instant(String query, long atMillis) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("query", query);
        parameters.put("time", seconds(atMillis));
        parameters.put("nocache", "1");
        return new PeerQuery(query + " @" + parameters.get("time"), parameters);
    }

    /** {@code 1h}, {@code 1m}, {@code 10s}. */
    private static String duration(long millis) {
        if (millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        return millis % 60_000 == 0 ? millis / 60_000 + "m" : seconds(millis) + "s";
    }

    /** Epoch milliseconds as PromQL's decimal seconds. */
    private static String seconds(long millis) {
        return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString();
    }

    /** {@code hostname=~"host_5|host_7"}. */
    private static String hosts(List<String> hosts) {
        return "hostname=~\"" + String.join("|", hosts) + "\"";
    }
}
