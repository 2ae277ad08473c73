package io.tidemark.engine.shard;

import com.typesafe.config.Config;
import io.tidemark.engine.EngineException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How long the first attempt of a shard read that its caller retries (a table scan's or a query
 * fragment's shard scan) waits for the shard, {@code tidemark.engine.shard.first-read-timeout}.
 * While Cluster Sharding hands a shard off to another node (its node died), it drops the messages
 * buffered for the shard, so a scan sent then is never answered; without this the caller would
 * resend it only after the whole ask timeout. Only the first attempt is cut short: the retries
 * wait the ask timeout, so a scan that is legitimately slow still completes on a retry.
 *
 * @param timeout how long the first attempt waits for the shard's answer
 */
public record FirstReadTimeout(Duration timeout) {

    public FirstReadTimeout {
        Objects.requireNonNull(timeout, "first read timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("cannot use first read timeout: it must be positive, timeout="
                    + timeout);
        }
    }

    /** {@code tidemark.engine.shard.first-read-timeout} of {@code config}. */
    public static FirstReadTimeout fromConfig(Config config) {
        return new FirstReadTimeout(config.getDuration("tidemark.engine.shard.first-read-timeout"));
    }

    /**
     * {@code read}'s answer, or an INTERNAL {@link EngineException} (which the callers retry) when
     * the shard has not answered within the timeout; other failures pass through unchanged.
     *
     * @param what the read, for the error: "cannot {@code what}: ..."
     */
    public <T> CompletableFuture<T> bound(CompletionStage<T> read, String what, String tableId, int shard) {
        return read.toCompletableFuture().copy().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionallyCompose(failure -> {
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure;
                    return CompletableFuture.failedFuture(!(cause instanceof TimeoutException) ? cause
                            : EngineException.internal("cannot " + what + ": shard did not answer the first attempt"
                                    + " (it may be moving to another node), table=" + tableId + ", shard=" + shard
                                    + ", firstReadTimeout=" + timeout, cause));
                });
    }
}
