package io.tidemark.http.server;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.tidemark.http.auth.AccessKeys;
import java.time.Duration;
import java.util.Locale;

/**
 * The {@code tidemark.http} section: where the server listens, how requests are authenticated and
 * the request limits. See the http module's {@code reference.conf} for each key's meaning.
 *
 * @param accessKeys the keys' secrets and permissions, for {@code auth = sigv4}
 * @param advertisedAddress DescribeEndpoints' Address; empty to derive it from each request's Host
 */
public record HttpSettings(
        String bind,
        int port,
        Auth auth,
        AccessKeys accessKeys,
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

    public static HttpSettings fromConfig(Config root) {
        Config c = root.getConfig("tidemark.http");
        Auth auth;
        try {
            auth = Auth.valueOf(c.getString("auth").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException.BadValue(PATH + "auth", "cannot read auth: value=" + c.getString("auth")
                    + " (expected none or sigv4)");
        }
        AccessKeys keys = AccessKeys.fromConfig(c.getConfigList("access-keys"), PATH + "access-keys");
        if (auth == Auth.SIGV4 && keys.secrets().isEmpty()) {
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
