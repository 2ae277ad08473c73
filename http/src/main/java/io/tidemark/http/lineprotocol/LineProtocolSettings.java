package io.tidemark.http.lineprotocol;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;

/**
 * The {@code tidemark.http.line-protocol} section (see the http module's {@code reference.conf}).
 *
 * @param createTables whether a write naming a measurement without a table creates the table
 *     (default retention) instead of refusing its lines
 * @param maxBodyBytes longest body, after gzip decompression too; longer ones get 413
 * @param seriesCacheEntries distinct series sections the node keeps split across requests
 */
public record LineProtocolSettings(boolean createTables, long maxBodyBytes, int seriesCacheEntries) {

    private static final String PATH = "tidemark.http.line-protocol.";

    public static LineProtocolSettings fromConfig(Config root) {
        Config c = root.getConfig("tidemark.http.line-protocol");
        long maxBody = c.getBytes("max-body-bytes");
        // Bodies are held in one array.
        if (maxBody < 1 || maxBody > Integer.MAX_VALUE - 8) {
            throw new ConfigException.BadValue(PATH + "max-body-bytes", "must be 1 byte .. 2 GiB, value=" + maxBody);
        }
        int cacheEntries = c.getInt("series-cache-entries");
        if (cacheEntries < 1) {
            throw new ConfigException.BadValue(PATH + "series-cache-entries", "must be positive, value=" + cacheEntries);
        }
        return new LineProtocolSettings(c.getBoolean("create-tables"), maxBody, cacheEntries);
    }
}
