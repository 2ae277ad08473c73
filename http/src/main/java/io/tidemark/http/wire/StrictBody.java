package io.tidemark.http.wire;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.scaladsl.model.EntityStreamSizeException;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.util.ByteString;
import scala.Option;

/**
 * A request's whole body, within a size limit, at the least cost per request.
 *
 * <p>A small body usually arrives with its headers, and Pekko hands it over as a
 * {@link HttpEntity.Strict}: its bytes are answered at once, with no stream run and no future in
 * between. Otherwise the entity is collected with {@code toStrict}, whose stage is a converted Scala
 * future: its plain {@code thenApply}/{@code thenCompose}/{@code whenComplete} run the callback
 * through {@code CompletableFuture}'s default async executor, which on a machine of fewer than
 * three cores starts a new thread per callback (the JDK's {@code ThreadPerTaskExecutor}). The
 * bytes are taken on the thread that completed the collection instead, so the stage returned here
 * is a plain {@link CompletableFuture} whose continuations run where it completes.
 */
public final class StrictBody {

    private StrictBody() {
    }

    /**
     * The body's bytes; fails with Pekko's {@code EntityStreamSizeException} past {@code maxBytes}
     * and with a {@code TimeoutException} when the body does not arrive within {@code timeoutMillis}.
     */
    public static CompletionStage<ByteString> read(HttpEntity entity, long maxBytes, long timeoutMillis,
            Materializer materializer) {
        if (entity instanceof HttpEntity.Strict strict) {
            long size = strict.getData().size();
            return size <= maxBytes ? CompletableFuture.completedFuture(strict.getData())
                    : CompletableFuture.failedFuture(new EntityStreamSizeException(maxBytes, Option.apply(size)));
        }
        return onCompletingThread(entity.withSizeLimit(maxBytes).toStrict(timeoutMillis, maxBytes, materializer))
                .thenApply(HttpEntity.Strict::getData);
    }

    /**
     * {@code stage} as a plain {@link CompletableFuture} completed on the thread that completes
     * {@code stage} (or at once when it is done), for the stages Pekko's Java API returns.
     */
    public static <T> CompletableFuture<T> onCompletingThread(CompletionStage<T> stage) {
        CompletableFuture<T> plain = new CompletableFuture<>();
        stage.whenCompleteAsync((value, failure) -> {
            if (failure == null) {
                plain.complete(value);
            } else {
                plain.completeExceptionally(failure);
            }
        }, Runnable::run);
        return plain;
    }
}
