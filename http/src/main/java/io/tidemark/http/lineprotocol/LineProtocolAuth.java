package io.tidemark.http.lineprotocol;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpRequest;

/**
 * Credentials for line-protocol writes on a node with {@code tidemark.http.auth = sigv4}: line
 * protocol clients do not sign requests, so they present one of the node's access keys the way
 * InfluxDB clients present theirs: {@code u=<access key id>&p=<secret>} (v1), or an
 * {@code Authorization: Token <id>:<secret>} (v2) or {@code Basic} header.
 */
public final class LineProtocolAuth {

    private final Map<String, String> accessKeys;

    public LineProtocolAuth(Map<String, String> accessKeys) {
        this.accessKeys = Map.copyOf(accessKeys);
    }

    boolean allows(HttpRequest request, Map<String, String> params) {
        if (params.containsKey("u")) {
            return matches(params.get("u"), params.getOrDefault("p", ""));
        }
        Optional<String> header = request.getHeader("Authorization").map(HttpHeader::value);
        if (header.isEmpty()) {
            return false;
        }
        String value = header.get();
        String pair;
        if (value.regionMatches(true, 0, "Token ", 0, 6)) {
            pair = value.substring(6).trim();
        } else if (value.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                pair = new String(Base64.getDecoder().decode(value.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return false;
            }
        } else {
            return false;
        }
        int colon = pair.indexOf(':');
        return colon > 0 && matches(pair.substring(0, colon), pair.substring(colon + 1));
    }

    private boolean matches(String id, String secret) {
        String expected = accessKeys.get(id);
        return expected != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                secret.getBytes(StandardCharsets.UTF_8));
    }
}
