package io.tidemark.http.metrics;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /metrics}: the node's metrics in the Prometheus text format. The scrape runs on the
 * blocking dispatcher, as it reads journal directory listings. Not signed even with
 * {@code auth = sigv4}: Prometheus does not sign scrapes; keep the port off untrusted networks or
 * put a proxy in front.
 */
public final class MetricsRoutes extends AllDirectives {

    private final NodeMetrics metrics;
    private final Executor blocking;
    private final ContentType contentType;

    public MetricsRoutes(NodeMetrics metrics, Executor blocking) {
        this.metrics = metrics;
        this.blocking = blocking;
        this.contentType = ContentTypes.parse(metrics.contentType());
    }

    public Route route() {
        return path("metrics", () -> get(() -> completeWithFuture(CompletableFuture.supplyAsync(
                () -> HttpResponse.create().withEntity(HttpEntities.create(contentType, metrics.scrape())), blocking))));
    }
}
