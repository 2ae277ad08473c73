package io.tidemark.http.server;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidemark.engine.Engine;
import io.tidemark.engine.shard.SeriesShard;
import io.tidemark.http.wire.StrictBody;
import io.tidemark.http.wire.WireJson;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.Member;
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
 * <li>{@code GET /health/ready}: 200 {@code {"status":"ready","checks":{…}}} when every
 *     readiness check passes, run afresh on each
 *     call, one after another, each within {@code timeout}: this node is an Up member of its
 *     cluster, the catalog actor answers a read, and the series-shard region and every shard it
 *     hosts answer a state query. Else 503 {@code {"status":"unavailable","reason":"cannot …"}}
 *     naming the first check that failed.</li>
 * <li>{@code GET /health}, its older name: the same checks, answering 200
 *     {@code {"status":"serving"}} as it always has when they pass.</li>
 * </ul>
 * A probe never blocks a thread: every check is asynchronous with its own timeout.
 */
public final class HealthRoutes extends AllDirectives {

    /**
     * One readiness condition.
     *
     * @param name the condition, as the answer names it ("catalog")
     * @param check completes with a short description of what was seen, or fails with the reason
     */
    record ReadinessCheck(String name, Supplier<CompletionStage<String>> check) {
    }

    /** {@code GET /health}'s answer when ready: its body from before the readiness checks existed. */
    private static final HttpResponse SERVING = HttpResponse.create().withStatus(StatusCodes.OK)
            .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, "{\"status\":\"serving\"}"));

    private final List<ReadinessCheck> checks;
    private final Duration timeout;

    /** @param timeout how long each readiness check may take before the node counts as not ready */
    public HealthRoutes(Engine engine, Duration timeout) {
        this(List.of(new ReadinessCheck("cluster", () -> clusterMember(engine.system())),
                new ReadinessCheck("catalog", () -> engine.catalog().listDatabases(null, 1)
                        .thenApply(page -> "answered")),
                new ReadinessCheck("shards", () -> shardRegion(engine.system(), timeout))), timeout);
    }

    HealthRoutes(List<ReadinessCheck> checks, Duration timeout) {
        this.checks = List.copyOf(checks);
        this.timeout = timeout;
    }

    public Route route() {
        return concat(
                path(segment("health").slash("live"), () -> get(() -> complete(StatusCodes.OK,
                        HttpEntities.create(ContentTypes.APPLICATION_JSON, "{\"status\":\"live\"}")))),
                path(segment("health").slash("ready"), () -> get(() -> completeWithFuture(ready()))),
                path("health", () -> get(() -> completeWithFuture(ready().thenApply(answer ->
                        answer.status().isSuccess() ? SERVING : answer)))));
    }

    /** The readiness answer; the stage always completes normally. */
    CompletionStage<HttpResponse> ready() {
        ObjectNode passed = WireJson.object();
        CompletableFuture<HttpResponse> answer = CompletableFuture.completedFuture(null);
        for (ReadinessCheck check : checks) {
            answer = answer.thenCompose(failed -> failed != null ? CompletableFuture.completedFuture(failed)
                    : run(check).handle((seen, failure) -> {
                        if (failure != null) {
                            return unavailable("cannot pass readiness check " + check.name() + ": "
                                    + describe(failure));
                        }
                        passed.put(check.name(), seen);
                        return null;
                    }));
        }
        return answer.thenApply(failed -> failed != null ? failed : response(200,
                WireJson.object().put("status", "ready").set("checks", passed)));
    }

    private CompletableFuture<String> run(ReadinessCheck check) {
        try {
            return check.check().get().toCompletableFuture().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Passes while this node is Up; says how many members are Up and how many unreachable (of a cluster). */
    private static CompletionStage<String> clusterMember(ActorSystem<?> system) {
        Cluster cluster = Cluster.get(system);
        MemberStatus status = cluster.selfMember().status();
        if (status != MemberStatus.up()) {
            return CompletableFuture.failedFuture(new IllegalStateException("member status is " + status + ", not Up"));
        }
        int up = 0;
        for (Member member : cluster.state().getMembers()) {
            if (member.status() == MemberStatus.up()) {
                up++;
            }
        }
        return CompletableFuture.completedFuture("up (members up: " + up + ", unreachable: "
                + cluster.state().getUnreachable().size() + ")");
    }

    private static CompletionStage<String> shardRegion(ActorSystem<?> system, Duration timeout) {
        CompletionStage<CurrentShardRegionState> state = AskPattern.ask(ClusterSharding.get(system).shardState(),
                replyTo -> new GetShardRegionState(SeriesShard.TYPE_KEY, replyTo), timeout, system.scheduler());
        // on the thread that completes the ask: its stage's plain thenApply would start a thread per probe
        return StrictBody.onCompletingThread(state).thenApply(region -> {
            if (!region.getFailed().isEmpty()) {
                throw new IllegalStateException("shards did not answer: " + region.getFailed());
            }
            return region.getShards().size() + " hosted";
        });
    }

    private String describe(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause instanceof TimeoutException ? "no answer within " + timeout.toMillis() + " ms"
                : cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }

    private static HttpResponse unavailable(String reason) {
        return response(503, WireJson.object().put("status", "unavailable").put("reason", reason));
    }

    private static HttpResponse response(int status, ObjectNode body) {
        try {
            return HttpResponse.create().withStatus(StatusCodes.get(status)).withEntity(
                    HttpEntities.create(ContentTypes.APPLICATION_JSON, WireJson.MAPPER.writeValueAsBytes(body)));
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot render JSON", e);
        }
    }
}
