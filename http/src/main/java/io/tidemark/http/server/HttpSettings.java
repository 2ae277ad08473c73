package io.tidemark.http.server;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code tidemark.http} section: where the server listens, how requests are authenticated and
 * the request limits. See the http module's {@code reference.conf} for each key's meaning.
 *
 * @param accessKeys access key id to secret, for {@code auth = sigv4}
 * @param advertisedAddress DescribeEndpoints' Address; empty to derive it from each request's Host
 */
public record HttpSettings(
        String bind,
        int port,
        Auth auth,
        Map<String, String> accessKeys,
        Duration signatureMaxSkew,
        long maxBodyBytes,
        Duration bodyTimeout,
        String advertisedAddress,
        Duration shutdownTimeout) {

    /** How requests are authenticated. */
    public enum Auth {
        /** Signatures are not checked (the local single node's default). */
        NONE,
        /** Every request must carry a valid SigV4 signature by a configured access key. */
        SIGV4
    }

    private static final String PATH = "tidemark.http.";

    public HttpSettings {
        accessKeys = Map.copyOf(accessKeys);
    }

    public static HttpSettings fromConfig(Config root) {
        Config c = root.getConfig("tidemark.http");
        Auth auth;
        try {
            auth = Auth.valueOf(c.getString("auth").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException.BadValue(PATH + "auth", "cannot read auth: value=" + c.getString("auth")
                    + " (expected none or sigv4)");
        }
        Map<String, String> keys = new LinkedHashMap<>();
        for (Config key : c.getConfigList("access-keys")) {
            keys.put(key.getString("id"), key.getString("secret"));
        }
        if (auth == Auth.SIGV4 && keys.isEmpty()) {
            throw new ConfigException.BadValue(PATH + "access-keys",
                    "cannot verify signatures without access keys: auth=sigv4, access-keys=[]");
        }
        long maxBody = c.getBytes("limits.max-body-bytes");
        if (maxBody < 1) {
            throw new ConfigException.BadValue(PATH + "limits.max-body-bytes", "must be positive, value=" + maxBody);
        }
        return new HttpSettings(c.getString("bind"), c.getInt("port"), auth, keys, c.getDuration("signature-max-skew"),
                maxBody, c.getDuration("limits.body-timeout"), c.getString("advertised-address"),
                c.getDuration("shutdown-timeout"));
    }
}
