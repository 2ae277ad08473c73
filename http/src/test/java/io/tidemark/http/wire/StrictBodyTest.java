package io.tidemark.http.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.scaladsl.model.EntityStreamSizeException;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import scala.concurrent.Promise;
import scala.jdk.javaapi.FutureConverters;

/**
 * A request body read whole: at once when it arrived whole, collected within the size limit when
 * it streams, and continuations of the answer run on the thread that completed it, never on a
 * thread started for them.
 */
class StrictBodyTest {

    private static ActorSystem system;
    private static Materializer materializer;

    @BeforeAll
    static void start() {
        system = ActorSystem.create("strict-body-test", ConfigFactory.parseString("pekko.actor.provider = local")
                .withFallback(ConfigFactory.load()));
        materializer = Materializer.matFromSystem(system);
    }

    @AfterAll
    static void stop() {
        system.terminate();
    }

    private static ByteString read(HttpEntity entity, long maxBytes) throws Exception {
        return StrictBody.read(entity, maxBytes, 10_000, materializer).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aBodyThatArrivedWholeIsAnsweredAtOnce() {
        HttpEntity entity = HttpEntities.create(ContentTypes.APPLICATION_JSON, "{\"QueryString\":\"SELECT 1\"}");

        CompletionStage<ByteString> body = StrictBody.read(entity, 1024, 10_000, materializer);

        assertThat(body.toCompletableFuture()).isCompletedWithValue(ByteString.fromString("{\"QueryString\":\"SELECT 1\"}"));
    }

    @Test
    void aStreamedBodyIsCollected() throws Exception {
        HttpEntity entity = HttpEntities.create(ContentTypes.APPLICATION_JSON, 6,
                Source.from(java.util.List.of(ByteString.fromString("abc"), ByteString.fromString("def"))));

        assertThat(read(entity, 1024).utf8String()).isEqualTo("abcdef");
    }

    @Test
    void aBodyOverTheLimitFailsWithItsSize() {
        HttpEntity whole = HttpEntities.create(ContentTypes.APPLICATION_JSON, "0123456789");
        HttpEntity streamed = HttpEntities.createChunked(ContentTypes.APPLICATION_JSON,
                Source.from(java.util.List.of(ByteString.fromString("01234"), ByteString.fromString("56789"))));

        for (HttpEntity entity : new HttpEntity[] {whole, streamed}) {
            assertThatThrownBy(() -> read(entity, 8)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(EntityStreamSizeException.class);
        }
    }

    @Test
    void continuationsOfAConvertedScalaFutureRunOnTheThreadThatCompletesIt() throws Exception {
        Promise<String> promise = Promise.apply();
        CompletableFuture<Thread> ranOn = StrictBody.onCompletingThread(FutureConverters.asJava(promise.future()))
                .thenApply(value -> Thread.currentThread());
        Thread completer = new Thread(() -> promise.success("done"), "completer");

        completer.start();
        completer.join();

        assertThat(ranOn.get(10, TimeUnit.SECONDS)).isSameAs(completer);
    }

    @Test
    void aFailureIsPassedOnUnwrapped() {
        Promise<String> promise = Promise.apply();
        CompletableFuture<String> plain = StrictBody.onCompletingThread(FutureConverters.asJava(promise.future()));

        promise.failure(new IllegalStateException("no body"));

        assertThatThrownBy(plain::join).hasCauseInstanceOf(IllegalStateException.class).hasRootCauseMessage("no body");
    }
}
