package io.tidemark.http.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.tidemark.http.wire.TimestreamRoutes;
import java.util.Set;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Request rate and latency per endpoint, operation and status class:
 * {@code tidemark_http_requests_total} and {@code tidemark_http_request_duration_seconds}, labelled
 * {@code endpoint} (the request path when it is one the server serves, else {@code other}),
 * {@code operation} (the wire API's operation from {@code X-Amz-Target} for {@code /}, or
 * {@code unknown}; the HTTP method elsewhere) and {@code status} ({@code 2xx} … {@code 5xx}).
 * Every label value comes from a fixed set, so a client cannot grow the series without bound.
 *
 * <p>Latency runs until the response's headers are ready: for a streamed body ({@code /sql}) that
 * is when the result is computed and the first chunk can go, not when the last byte is sent.
 */
public final class RequestMetrics extends AllDirectives {

    /** 1 ms to 60 s: a point write to a long query. */
    private static final double[] LATENCY_BUCKETS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1,
        2.5, 5, 10, 30, 60};
    private static final String[] LABELS = {"endpoint", "operation", "status"};
    private static final String[] STATUS_CLASSES = {"1xx", "2xx", "3xx", "4xx", "5xx"};

    private final Set<String> endpoints;
    private final Set<String> operations;
    private final Counter requests;
    private final Histogram latency;

    /**
     * @param endpoints the paths served, each its own {@code endpoint} value
     * @param operations the wire API's operation names
     */
    RequestMetrics(PrometheusRegistry registry, Set<String> endpoints, Set<String> operations) {
        this.endpoints = Set.copyOf(endpoints);
        this.operations = Set.copyOf(operations);
        this.requests = Counter.builder().name("tidemark_http_requests").help("HTTP requests answered.")
                .labelNames(LABELS).withoutExemplars().register(registry);
        this.latency = Histogram.builder().name("tidemark_http_request_duration_seconds")
                .help("Time from a request's arrival until its response headers were ready.")
                .labelNames(LABELS).classicOnly().classicUpperBounds(LATENCY_BUCKETS).withoutExemplars()
                .register(registry);
    }

    /**
     * {@code inner}, sealed (so rejections and failures become responses that are counted too),
     * with every response counted and timed.
     */
    public Route instrument(Route inner) {
        Route sealed = inner.seal();
        return extractRequest(request -> {
            long startNanos = System.nanoTime();
            String endpoint = endpoint(request);
            String operation = operation(endpoint, request);
            return mapResponse(response -> {
                String status = statusClass(response.status().intValue());
                requests.labelValues(endpoint, operation, status).inc();
                latency.labelValues(endpoint, operation, status).observe((System.nanoTime() - startNanos) / 1e9);
                return response;
            }, () -> sealed);
        });
    }

    private String endpoint(HttpRequest request) {
        String path = request.getUri().path();
        return endpoints.contains(path) ? path : "other";
    }

    private String operation(String endpoint, HttpRequest request) {
        if (!endpoint.equals("/")) {
            return request.method().value();
        }
        String target = request.getHeader("X-Amz-Target").map(HttpHeader::value).orElse("");
        String name = target.startsWith(TimestreamRoutes.TARGET_PREFIX)
                ? target.substring(TimestreamRoutes.TARGET_PREFIX.length()) : "";
        return operations.contains(name) ? name : "unknown";
    }

    private static String statusClass(int status) {
        int index = status / 100 - 1;
        return index >= 0 && index < STATUS_CLASSES.length ? STATUS_CLASSES[index] : "other";
    }
}
