package io.tidemark.engine.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import io.tidemark.engine.EngineException;
import io.tidemark.engine.ErrorKind;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The bound on a shard read's first attempt: what it answers, how it fails, where it is configured. */
class FirstReadTimeoutTest {

    private final FirstReadTimeout firstRead = new FirstReadTimeout(Duration.ofMillis(50));

    @Test
    void aReadNeverAnsweredFailsInternalNamingTheShard() {
        CompletableFuture<String> bounded = firstRead.bound(new CompletableFuture<>(), "scan shard", "t1", 3);

        assertThatThrownBy(() -> bounded.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class).cause()
                .isInstanceOf(EngineException.class)
                .hasMessage("cannot scan shard: shard did not answer the first attempt (it may be moving to another"
                        + " node), table=t1, shard=3, firstReadTimeout=PT0.05S")
                .satisfies(e -> assertThat(((EngineException) e).kind()).isEqualTo(ErrorKind.INTERNAL));
    }

    @Test
    void answersAndOtherFailuresPassThroughUnchanged() throws Exception {
        EngineException notFound = EngineException.notFound("cannot scan: table is gone");

        assertThat(firstRead.bound(CompletableFuture.completedFuture("chunks"), "scan shard", "t1", 0)
                .get(30, TimeUnit.SECONDS)).isEqualTo("chunks");
        assertThatThrownBy(() -> firstRead.bound(CompletableFuture.failedFuture(notFound), "scan shard", "t1", 0)
                .get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class).cause().isSameAs(notFound);
    }

    @Test
    void readFromTheShardSectionOfTheConfigAndPositive() {
        assertThat(FirstReadTimeout.fromConfig(ConfigFactory.load()).timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThatThrownBy(() -> new FirstReadTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot use first read timeout: it must be positive, timeout=PT0S");
    }
}
