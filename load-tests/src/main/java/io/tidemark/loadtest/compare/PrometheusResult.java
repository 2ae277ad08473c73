package io.tidemark.loadtest.compare;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Normalises a Prometheus-API answer ({@code data.result} of a matrix or vector) into
 * {@link ResultRow}s: series of one time (shifted back to the bucket's start) and host are merged
 * into one row, each series's {@code cpu_<field>} name giving its column.
 */
public final class PrometheusResult {

    private static final String METRIC_PREFIX = "cpu_";

    private PrometheusResult() {
    }

    public static List<ResultRow> normalise(JsonNode data, QueryShape shape, long shiftMillis) {
        Map<Key, double[]> rows = new LinkedHashMap<>();
        for (JsonNode series : data.path("result")) {
            JsonNode metric = series.path("metric");
            String name = metric.path("__name__").asText("");
            int field = shape.fields().indexOf(name.startsWith(METRIC_PREFIX) ? name.substring(METRIC_PREFIX.length())
                    : name);
            if (field < 0) {
                throw new IllegalArgumentException("cannot normalise a series: name=" + name + ", fields="
                        + shape.fields());
            }
            String host = shape.perHost() ? metric.path("hostname").asText() : "";
            List<JsonNode> samples = new ArrayList<>();
            if (series.has("values")) {
                series.get("values").forEach(samples::add);
            } else {
                samples.add(series.get("value"));
            }
            for (JsonNode sample : samples) {
                long time = shape.timed() ? Math.round(sample.get(0).asDouble() * 1000) - shiftMillis : 0;
                double[] values = rows.computeIfAbsent(new Key(time, host), k -> {
                    double[] missing = new double[shape.fields().size()];
                    Arrays.fill(missing, Double.NaN);
                    return missing;
                });
                values[field] = Double.parseDouble(sample.get(1).asText());
            }
        }
        List<ResultRow> result = new ArrayList<>(rows.size());
        rows.forEach((key, values) -> result.add(new ResultRow(key.timeMillis(), key.host(), values)));
        return result;
    }

    private record Key(long timeMillis, String host) {
    }
}
