package io.tidemark.http.server;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidemark.engine.Engine;
import io.tidemark.engine.shard.SeriesShard;
import io.tidemark.http.wire.WireJson;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.ShardRegion.CurrentShardRegionState;
import org.apache.pekko.cluster.sharding.typed.GetShardRegionState;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Liveness and readiness probes.
 * <ul>
 * <li>{@code GET /health/live}: 200 {@code {"status":"live"}} while the process answers HTTP at all.</li>
 * <li>{@code GET /health/ready} (and {@code GET /health}, its older name): 200
 *     {@code {"status":"ready", …}} when, checked afresh on every call, this node is an Up member
 *     of its cluster, the catalog actor answers a read, and the series-shard region and every
 *     shard it hosts answer a state query, each within {@code timeout}; else 503
 *     {@code {"status":"unavailable","reason":"cannot …"}} naming the first check that failed.</li>
 * </ul>
 * A probe never blocks a thread: both asks are asynchronous with their own timeout.
 */
public final class HealthRoutes extends AllDirectives {

    private final Engine engine;
    private final Duration timeout;

    /** @param timeout how long each readiness check may take before the node counts as not ready */
    public HealthRoutes(Engine engine, Duration timeout) {
        this.engine = engine;
        this.timeout = timeout;
    }

    public Route route() {
        return concat(
                path(segment("health").slash("live"), () -> get(() -> complete(StatusCodes.OK,
                        HttpEntities.create(ContentTypes.APPLICATION_JSON, "{\"status\":\"live\"}")))),
                path(segment("health").slash("ready"), () -> get(() -> completeWithFuture(ready()))),
                path("health", () -> get(() -> completeWithFuture(ready()))));
    }

    /** The readiness answer; the stage always completes normally. */
    CompletionStage<HttpResponse> ready() {
        MemberStatus member = Cluster.get(engine.system()).selfMember().status();
        if (member != MemberStatus.up()) {
            return CompletableFuture.completedFuture(unavailable("cannot serve: cluster member status is "
                    + member + ", not Up"));
        }
        CompletableFuture<Integer> catalog = within(engine.catalog().listDatabases(null, 1))
                .thenApply(page -> page.items().size());
        return catalog.thenCompose(databases -> within(shardRegionState()).thenApply(region -> {
            if (!region.getFailed().isEmpty()) {
                return unavailable("cannot serve: shards did not answer: " + region.getFailed());
            }
            ObjectNode body = WireJson.object().put("status", "ready");
            body.put("shardsHosted", region.getShards().size());
            return response(200, body);
        }).exceptionally(failure -> unavailable("cannot reach the series shards: " + describe(failure))))
                .exceptionally(failure -> unavailable("cannot read the catalog: " + describe(failure)));
    }

    private CompletionStage<CurrentShardRegionState> shardRegionState() {
        return AskPattern.ask(ClusterSharding.get(engine.system()).shardState(),
                replyTo -> new GetShardRegionState(SeriesShard.TYPE_KEY, replyTo), timeout,
                engine.system().scheduler());
    }

    private <T> CompletableFuture<T> within(CompletionStage<T> stage) {
        return stage.toCompletableFuture().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private String describe(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause instanceof TimeoutException ? "no answer within " + timeout.toMillis() + " ms" : cause.toString();
    }

    private static HttpResponse unavailable(String reason) {
        return response(503, WireJson.object().put("status", "unavailable").put("reason", reason));
    }

    private static HttpResponse response(int status, ObjectNode body) {
        try {
            return HttpResponse.create().withStatus(StatusCodes.get(status))
                    .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, WireJson.MAPPER.writeValueAsBytes(body)));
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot render JSON", e);
        }
    }
}
