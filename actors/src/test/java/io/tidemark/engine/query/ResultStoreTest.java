package io.tidemark.engine.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.engine.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The bounds of the results kept for paging: count, bytes, age; cancelled queries stay known. */
class ResultStoreTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-10T12:00:00Z"));

    private ResultStore store(int maxResults, long maxBytes) {
        return new ResultStore(new QuerySettings(Duration.ofSeconds(60), Duration.ofSeconds(30), 1 << 20, maxResults,
                maxBytes, Duration.ofHours(1), Duration.ofMinutes(5), 1_000_000), clock);
    }

    @Test
    void theOldestAreEvictedPastTheCountAndTheBytes() {
        ResultStore store = store(2, 1000);
        ResultStore.Entry a = store.add("a", "h");
        store.finished(a, 100);
        ResultStore.Entry b = store.add("b", "h");
        store.finished(b, 100);
        ResultStore.Entry c = store.add("c", "h");

        assertThat(store.get("a")).as("evicted: three kept is one too many").isNull();
        assertThat(store.get("b")).isSameAs(b);

        store.finished(c, 950);
        assertThat(store.get("b")).as("evicted: 1050 bytes kept is over 1000").isNull();
        assertThat(store.get("c")).as("the newest stays even alone over the bytes").isSameAs(c);
    }

    @Test
    void resultsExpireAfterTheirTtlAndFailedOnesAreForgottenUnlessCancelled() {
        ResultStore store = store(10, 1 << 20);
        ResultStore.Entry old = store.add("old", "h");
        clock.advance(Duration.ofMinutes(59));
        ResultStore.Entry failed = store.add("failed", "h");
        ResultStore.Entry cancelled = store.add("cancelled", "h");
        store.failed(failed);
        assertThat(store.cancel(cancelled)).isFalse();
        assertThat(store.cancel(cancelled)).as("already cancelled").isTrue();
        store.failed(cancelled);

        assertThat(store.get("old")).isSameAs(old);
        assertThat(store.get("failed")).isNull();
        assertThat(store.get("cancelled")).isSameAs(cancelled);
        clock.advance(Duration.ofMinutes(2));
        assertThat(store.get("old")).as("older than an hour").isNull();
        assertThat(store.size()).isEqualTo(1);
    }
}
