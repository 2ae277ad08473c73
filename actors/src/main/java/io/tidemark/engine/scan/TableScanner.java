package io.tidemark.engine.scan;

import io.tidemark.engine.EngineException;
import io.tidemark.engine.ErrorKind;
import io.tidemark.engine.catalog.TableDescription;
import io.tidemark.engine.shard.FirstReadTimeout;
import io.tidemark.engine.shard.SeriesChunks;
import io.tidemark.engine.shard.ShardGateway;
import io.tidemark.engine.tier.MagneticTier;
import io.tidemark.engine.tier.RetentionBounds;
import io.tidemark.storage.chunk.ColumnSpec;
import io.tidemark.storage.chunk.SealedChunk;
import io.tidemark.storage.model.SeriesKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Reads a table's points in a time range from both tiers, as a query sees them: the magnetic
 * store's chunks and every shard's memory-store chunks are merged per series so that a point
 * upserted with a higher version hides the older one, and points past the table's retention are
 * left out even before the retention janitor has deleted them. The merge is {@link SeriesMerge}'s,
 * shared with the query fragments. A shard scan that fails INTERNAL (its node died) is retried
 * up to {@value #SCAN_RETRIES} times with a short backoff; other failures fail the scan at once. The
 * first attempt waits only the {@link FirstReadTimeout} for the shard (a scan dropped in a shard
 * hand-off is resent in seconds), the retries the whole ask timeout.
 */
public final class TableScanner {

    /** How many more times a shard scan that failed INTERNAL is tried. */
    static final int SCAN_RETRIES = 2;
    /** The wait before the first retry of a shard scan; doubled before the next. */
    static final Duration RETRY_BACKOFF = Duration.ofMillis(250);

    private final ShardGateway shards;
    private final MagneticTier magnetic;
    private final Clock clock;
    private final Executor blocking;
    private final FirstReadTimeout firstRead;

    /**
     * @param blocking where segments are read and chunks merged and decoded: not on the actor
     *     thread that completes the shards' answers
     * @param firstRead how long the first attempt of a shard scan waits for the shard
     */
    public TableScanner(ShardGateway shards, MagneticTier magnetic, Clock clock, Executor blocking,
                        FirstReadTimeout firstRead) {
        this.shards = shards;
        this.magnetic = magnetic;
        this.clock = clock;
        this.blocking = blocking;
        this.firstRead = firstRead;
    }

    /** The series with points in {@code [fromNanos, toNanos]}, in series-key order. */
    public CompletionStage<List<ScannedSeries>> scan(TableDescription table, long fromNanos, long toNanos) {
        long expiry = RetentionBounds.expiryNanos(clock, table.retention());
        long from = Math.max(fromNanos, expiry);
        List<CompletableFuture<List<SeriesChunks>>> answers = new ArrayList<>();
        for (int s = 0; s < table.shardCount(); s++) {
            answers.add(scanShard(table.tableId(), s, from, toNanos, SCAN_RETRIES));
        }
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).thenApplyAsync(done -> {
            List<List<SeriesChunks>> memory = new ArrayList<>(answers.size());
            for (CompletableFuture<List<SeriesChunks>> answer : answers) {
                memory.add(answer.join());
            }
            Map<SeriesKey, List<SealedChunk>> bySeries = SeriesMerge.bySeries(
                    magnetic.scan(table.tableId(), from, toNanos), memory, series -> true);
            List<ScannedSeries> result = new ArrayList<>(bySeries.size());
            for (Map.Entry<SeriesKey, List<SealedChunk>> e : bySeries.entrySet()) {
                List<SealedChunk> parts = SeriesMerge.disjoint(e.getValue());
                SealedChunk whole = parts.size() == 1 ? parts.get(0) : SealedChunk.merge(parts);
                ScannedSeries scanned = decode(e.getKey(), whole, from, toNanos);
                if (scanned.size() > 0) {
                    result.add(scanned);
                }
            }
            return result;
        }, blocking);
    }

    /**
     * One shard's memory-store chunks; a scan that fails INTERNAL (or, the first time, is not
     * answered within the first-read timeout) is tried again, after {@link #RETRY_BACKOFF} and then
     * twice that: a shard on a node that died answers nothing until the node is downed and Cluster
     * Sharding starts the entity on a surviving node.
     */
    private CompletableFuture<List<SeriesChunks>> scanShard(String tableId, int shard, long from, long to,
                                                            int retriesLeft) {
        CompletionStage<List<SeriesChunks>> read = shards.scan(tableId, shard, from, to);
        CompletableFuture<List<SeriesChunks>> answer = retriesLeft == SCAN_RETRIES
                ? firstRead.bound(read, "scan shard", tableId, shard) : read.toCompletableFuture();
        if (retriesLeft == 0) {
            return answer;
        }
        return answer.exceptionallyCompose(failure -> {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (!(cause instanceof EngineException e) || e.kind() != ErrorKind.INTERNAL) {
                return CompletableFuture.failedFuture(cause);
            }
            long backoffMillis = RETRY_BACKOFF.toMillis() << (SCAN_RETRIES - retriesLeft);
            Executor later = CompletableFuture.delayedExecutor(backoffMillis, TimeUnit.MILLISECONDS, blocking);
            return CompletableFuture.runAsync(() -> { }, later)
                    .thenCompose(ignored -> scanShard(tableId, shard, from, to, retriesLeft - 1));
        });
    }

    /** The rows of {@code chunk} with time in {@code [from, to]}, decoded. */
    static ScannedSeries decode(SeriesKey series, SealedChunk chunk, long from, long to) {
        int n = chunk.count();
        long[] times = new long[n];
        long[] versions = new long[n];
        chunk.decodeTimes(times);
        chunk.decodeVersions(versions);
        // Rows are sorted by time: the range is one slice.
        int lo = SeriesMerge.firstAtOrAfter(times, n, from);
        int hi = SeriesMerge.firstAfter(times, n, to);
        List<ScannedColumn> columns = new ArrayList<>(chunk.columns().size());
        for (int c = 0; c < chunk.columns().size(); c++) {
            ColumnSpec spec = chunk.columns().get(c);
            boolean[] present = null;
            if (!chunk.allPresent(c)) {
                present = new boolean[n];
                chunk.decodePresence(c, present);
                present = Arrays.copyOfRange(present, lo, hi);
            }
            double[] doubles = null;
            long[] longs = null;
            boolean[] booleans = null;
            String[] strings = null;
            switch (spec.type()) {
                case DOUBLE -> {
                    doubles = new double[n];
                    chunk.decodeDoubles(c, doubles);
                    doubles = Arrays.copyOfRange(doubles, lo, hi);
                }
                case BIGINT, TIMESTAMP -> {
                    longs = new long[n];
                    chunk.decodeLongs(c, longs);
                    longs = Arrays.copyOfRange(longs, lo, hi);
                }
                case BOOLEAN -> {
                    booleans = new boolean[n];
                    chunk.decodeBooleans(c, booleans);
                    booleans = Arrays.copyOfRange(booleans, lo, hi);
                }
                case VARCHAR -> {
                    strings = new String[n];
                    chunk.decodeVarchars(c, strings);
                    strings = Arrays.copyOfRange(strings, lo, hi);
                }
                default -> throw new IllegalStateException("column of non-scalar type: " + spec);
            }
            columns.add(new ScannedColumn(spec, present, doubles, longs, booleans, strings));
        }
        return new ScannedSeries(series, Arrays.copyOfRange(times, lo, hi), Arrays.copyOfRange(versions, lo, hi),
                columns);
    }
}
