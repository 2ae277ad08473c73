package io.tidemark.http.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidemark.engine.Engine;
import io.tidemark.engine.ErrorKind;
import io.tidemark.http.wire.WireJson;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.Accept;
import org.apache.pekko.http.javadsl.model.MediaRanges;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /sql} over a real engine, its response entity read as a client reads it: a result
 * of many batches arrives whole; a reader that stops after the first chunk cancels the query
 * (the engine's running query count returns to 0, the query counts as cancelled); a failure after
 * the first rows ends a JSON document with its error and aborts a CSV response.
 */
class SqlRoutesStreamTest {

    /** 200,000 rows, handed out by the engine in slices of 8192 rows. */
    private static final String LARGE = "SELECT (x - 1) * 400 + y AS n FROM UNNEST(sequence(1, 500)) AS a(x)"
            + " CROSS JOIN UNNEST(sequence(1, 400)) AS b(y)";
    /** Fails in its second slice of rows (its 10,000th row divides by zero), after the first went out. */
    private static final String FAILS_LATER = "SELECT 10 / (x * 100 + y - 10000) AS q FROM UNNEST(sequence(0, 199))"
            + " AS a(x) CROSS JOIN UNNEST(sequence(1, 100)) AS b(y)";

    @TempDir
    static Path dataDir;

    private static Engine engine;
    private static Materializer materializer;
    private static SqlRoutes routes;

    @BeforeAll
    static void start() {
        engine = Engine.start(Engine.singleNodeConfig(dataDir, Map.of()), Clock.systemUTC());
        materializer = Materializer.createMaterializer(engine.system());
        routes = new SqlRoutes(engine.queries(), Optional.empty(), 1_000_000, 10_000, materializer);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private static HttpResponse post(String statement, boolean csv) throws Exception {
        HttpRequest request = HttpRequest.POST("/sql").withEntity(ContentTypes.TEXT_PLAIN_UTF8, statement)
                .addHeader(Accept.create(MediaRanges.create(csv ? MediaTypes.TEXT_CSV : MediaTypes.APPLICATION_JSON)));
        return routes.handle(request).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static List<ByteString> read(HttpResponse response) throws Exception {
        return response.entity().getDataBytes().runWith(Sink.seq(), materializer).toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
    }

    private static String text(List<ByteString> chunks) {
        return chunks.stream().reduce(ByteString.emptyByteString(), ByteString::concat).utf8String();
    }

    /** Waits (for the engine's answer, not for time to pass) until no query runs; at most 10 s. */
    private static int runningAfterSettling() throws InterruptedException {
        for (int i = 0; i < 200 && engine.queries().runningQueries() > 0; i++) {
            Thread.sleep(50);
        }
        return engine.queries().runningQueries();
    }

    @Test
    void aResultOfManyBatchesArrivesWholeAndTheQueryEnds() throws Exception {
        HttpResponse response = post(LARGE, true);
        assertThat(response.status().intValue()).isEqualTo(200);

        List<ByteString> chunks = read(response);

        String[] lines = text(chunks).split("\r\n");
        for (int i = 1; i < lines.length; i++) {
            if (Long.parseLong(lines[i]) != i) {
                throw new AssertionError("gap at line " + i + ": " + lines[i] + " chunks=" + chunks.size());
            }
        }
        assertThat(lines).hasSize(200_001);
        assertThat(lines[0]).isEqualTo("n");
        assertThat(chunks.size()).isGreaterThan(10);
        assertThat(runningAfterSettling()).isZero();
    }

    @Test
    void aReaderThatStopsCancelsTheQuery() throws Exception {
        long cancelledBefore = engine.queries().meter().failedCount(ErrorKind.CONFLICT);
        HttpResponse response = post(LARGE, false);
        assertThat(engine.queries().runningQueries()).isEqualTo(1);

        List<ByteString> first = response.entity().getDataBytes().take(1).runWith(Sink.seq(), materializer)
                .toCompletableFuture().get(30, TimeUnit.SECONDS);

        assertThat(first.get(0).utf8String()).startsWith("{\"queryId\":");
        assertThat(runningAfterSettling()).isZero();
        assertThat(engine.queries().meter().failedCount(ErrorKind.CONFLICT)).isEqualTo(cancelledBefore + 1);
    }

    @Test
    void aFailureAfterTheFirstRowsEndsJsonWithTheErrorAndAbortsCsv() throws Exception {
        HttpResponse json = post(FAILS_LATER, false);
        assertThat(json.status().intValue()).isEqualTo(200);
        JsonNode document = WireJson.MAPPER.readTree(text(read(json)));
        assertThat(document.get("rows")).hasSize(8192);
        assertThat(document.get("error").get("type").asText()).isEqualTo("ValidationException");
        assertThat(document.get("error").get("message").asText()).containsIgnoringCase("division by zero");
        assertThat(document.has("queryStatus")).isFalse();

        HttpResponse csv = post(FAILS_LATER, true);
        assertThat(csv.status().intValue()).isEqualTo(200);
        assertThatThrownBy(() -> read(csv)).hasStackTraceContaining("ivision by zero");
        assertThat(runningAfterSettling()).isZero();
    }
}
