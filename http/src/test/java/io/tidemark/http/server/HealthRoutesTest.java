package io.tidemark.http.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidemark.http.server.HealthRoutes.ReadinessCheck;
import io.tidemark.http.wire.WireJson;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * The readiness answer: checks run in order, the first failure or silence past the timeout makes
 * it 503 with a reason naming that check, and the checks after it are not run.
 */
class HealthRoutesTest {

    private static final Duration TIMEOUT = Duration.ofMillis(200);

    private static ReadinessCheck passing(String name, String seen) {
        return new ReadinessCheck(name, () -> CompletableFuture.completedFuture(seen));
    }

    private static HttpResponse ready(List<ReadinessCheck> checks) throws Exception {
        return new HealthRoutes(checks, TIMEOUT).ready().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static JsonNode body(HttpResponse response) throws Exception {
        return WireJson.MAPPER.readTree(((HttpEntity.Strict) response.entity()).getData().toArray());
    }

    @Test
    void everyCheckPassingIsReadyWithWhatEachSaw() throws Exception {
        HttpResponse response = ready(List.of(passing("cluster", "up"), passing("catalog", "answered")));

        assertThat(response.status().intValue()).isEqualTo(200);
        assertThat(body(response).toString())
                .isEqualTo("{\"status\":\"ready\",\"checks\":{\"cluster\":\"up\",\"catalog\":\"answered\"}}");
    }

    @Test
    void aFailingCheckIsUnavailableWithItsReasonAndStopsTheRest() throws Exception {
        AtomicInteger laterRuns = new AtomicInteger();
        HttpResponse response = ready(List.of(passing("cluster", "up"),
                new ReadinessCheck("catalog", () -> CompletableFuture.failedFuture(
                        new IllegalStateException("catalog is recovering"))),
                new ReadinessCheck("shards", () -> {
                    laterRuns.incrementAndGet();
                    return CompletableFuture.completedFuture("0 hosted");
                })));

        assertThat(response.status().intValue()).isEqualTo(503);
        assertThat(body(response).toString()).isEqualTo("{\"status\":\"unavailable\","
                + "\"reason\":\"cannot pass readiness check catalog: catalog is recovering\"}");
        assertThat(laterRuns).hasValue(0);
    }

    @Test
    void aCheckThatDoesNotAnswerInTimeIsUnavailable() throws Exception {
        HttpResponse response = ready(List.of(new ReadinessCheck("shards", CompletableFuture::new)));

        assertThat(response.status().intValue()).isEqualTo(503);
        assertThat(body(response).get("reason").asText())
                .isEqualTo("cannot pass readiness check shards: no answer within 200 ms");
    }

    @Test
    void aCheckThrowingInsteadOfFailingItsStageIsUnavailable() throws Exception {
        HttpResponse response = ready(List.of(new ReadinessCheck("cluster", () -> {
            throw new IllegalStateException("no cluster extension");
        })));

        assertThat(response.status().intValue()).isEqualTo(503);
        assertThat(body(response).get("reason").asText()).endsWith("no cluster extension");
    }
}
