package io.tidemark.engine.query;

import com.typesafe.config.Config;
import io.tidemark.engine.EngineSettings;
import java.time.Duration;

/**
 * The query settings, read from {@code tidemark.engine.query} (documented in reference.conf).
 *
 * @param timeout a query's whole run
 * @param fragmentTimeout one attempt of a fragment on one shard
 * @param memoryLimitBytes what one query may hold at once
 * @param maxStoredResults finished results kept for paging, at most
 * @param maxStoredBytes estimated bytes of the results kept for paging, at most
 * @param resultTtl how long a result stays pageable
 * @param clientTokenWindow how long a ClientToken returns its first run's result
 * @param maxPageBytes the largest page, estimated from the rows' values
 * @param cachedStatements statement texts kept parsed, analyzed and planned (0: none)
 */
public record QuerySettings(Duration timeout, Duration fragmentTimeout, long memoryLimitBytes, int maxStoredResults,
        long maxStoredBytes, Duration resultTtl, Duration clientTokenWindow, long maxPageBytes, int cachedStatements) {

    /** The reference.conf default of {@code statement-cache-size}. */
    static final int DEFAULT_CACHED_STATEMENTS = 512;

    /** Settings with the default statement cache. */
    public QuerySettings(Duration timeout, Duration fragmentTimeout, long memoryLimitBytes, int maxStoredResults,
            long maxStoredBytes, Duration resultTtl, Duration clientTokenWindow, long maxPageBytes) {
        this(timeout, fragmentTimeout, memoryLimitBytes, maxStoredResults, maxStoredBytes, resultTtl, clientTokenWindow,
                maxPageBytes, DEFAULT_CACHED_STATEMENTS);
    }

    public static QuerySettings fromConfig(Config config) {
        Config engine = config.getConfig("tidemark.engine");
        Config query = engine.getConfig("query");
        return new QuerySettings(query.getDuration("timeout"), query.getDuration("fragment-timeout"),
                EngineSettings.memoryBudget(engine, "query.memory-limit"), query.getInt("max-stored-results"),
                query.getBytes("max-stored-bytes"), query.getDuration("result-ttl"),
                query.getDuration("client-token-window"), query.getBytes("max-page-bytes"),
                query.getInt("statement-cache-size"));
    }
}
