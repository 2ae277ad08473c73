package io.tidemark.engine.query;

import io.tidemark.engine.query.QueryService.QueryResult;
import java.time.Clock;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The queries of this node whose results can still be paged or cancelled, by query id, oldest
 * first. Bounded: a query is forgotten {@code result-ttl} after it started, and the oldest are
 * evicted while more than {@code max-stored-results} are kept or their rows take more than
 * {@code max-stored-bytes} (estimated as {@link ResultSizes} does). Thread-safe.
 */
final class ResultStore {

    /** One query: its result once it has one, and whether it was cancelled. */
    static final class Entry {

        final String queryId;
        final String queryHash;
        final long startedMillis;
        final CompletableFuture<QueryResult> result = new CompletableFuture<>();
        /** Set before {@link #result} completes successfully. */
        volatile QueryInsights insights;
        private boolean cancelled;
        private long bytes;

        private Entry(String queryId, String queryHash, long startedMillis) {
            this.queryId = queryId;
            this.queryHash = queryHash;
            this.startedMillis = startedMillis;
        }
    }

    private final QuerySettings settings;
    private final Clock clock;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private long storedBytes;

    ResultStore(QuerySettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    synchronized Entry add(String queryId, String queryHash) {
        expire();
        Entry entry = new Entry(queryId, queryHash, clock.millis());
        entries.put(queryId, entry);
        evictOver(entry);
        return entry;
    }

    /** The query, or null when it is unknown or was forgotten. */
    synchronized Entry get(String queryId) {
        expire();
        return entries.get(queryId);
    }

    /** Records the size of a finished query's rows, evicting the oldest others over the limits. */
    synchronized void finished(Entry entry, long bytes) {
        if (entries.get(entry.queryId) != entry) {
            return;
        }
        entry.bytes = bytes;
        storedBytes += bytes;
        evictOver(entry);
    }

    /** Forgets a query that failed (nothing to page). A cancelled one is kept, so polling it reports the cancellation. */
    synchronized void failed(Entry entry) {
        if (!entry.cancelled && entries.remove(entry.queryId, entry)) {
            storedBytes -= entry.bytes;
        }
    }

    /** Marks the query cancelled; true if it already was. */
    synchronized boolean cancel(Entry entry) {
        boolean already = entry.cancelled;
        entry.cancelled = true;
        return already;
    }

    synchronized boolean isCancelled(Entry entry) {
        return entry.cancelled;
    }

    synchronized int size() {
        return entries.size();
    }

    private void expire() {
        long oldest = clock.millis() - settings.resultTtl().toMillis();
        Iterator<Entry> it = entries.values().iterator();
        while (it.hasNext()) {
            Entry entry = it.next();
            if (entry.startedMillis >= oldest) {
                break;
            }
            it.remove();
            storedBytes -= entry.bytes;
        }
    }

    /** Evicts the oldest entries other than {@code keep} while over a limit. */
    private void evictOver(Entry keep) {
        Iterator<Entry> it = entries.values().iterator();
        while (it.hasNext() && (entries.size() > settings.maxStoredResults() || storedBytes > settings.maxStoredBytes())) {
            Entry entry = it.next();
            if (entry != keep) {
                it.remove();
                storedBytes -= entry.bytes;
            }
        }
    }
}
