package io.tidemark.http.lineprotocol;

import io.tidemark.http.auth.Action;
import io.tidemark.http.auth.Permissions;
import io.tidemark.http.auth.Resource;
import io.tidemark.http.wire.WireError;
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
 * {@code Authorization: Token <id>:<secret>} (v2) or {@code Basic} header. The key must be allowed
 * {@code timestream:WriteRecords} on the whole database (every table: any line may name any
 * measurement, and a missing table is created), else the write is refused before its body is read.
 */
public final class LineProtocolAuth {

    private final Map<String, String> accessKeys;
    private final Permissions permissions;

    /** @param accessKeys access key id to secret */
    public LineProtocolAuth(Map<String, String> accessKeys, Permissions permissions) {
        this.accessKeys = Map.copyOf(accessKeys);
        this.permissions = permissions;
    }

    /**
     * Why a write to {@code database} is refused, as the status and message to answer: 401 without
     * valid credentials, 403 (AccessDeniedException's message) for a key not allowed to write there.
     */
    Optional<WireError> refusal(HttpRequest request, Map<String, String> params, String database) {
        Optional<String> accessKey = accessKey(request, params);
        if (accessKey.isEmpty()) {
            return Optional.of(WireError.of(401, "UnrecognizedClientException", "authorization failed"));
        }
        return permissions.check(accessKey.get(), Action.WRITE_RECORDS, Resource.database(database));
    }

    /** The access key whose id and secret the request presents; empty when it presents none that match. */
    Optional<String> accessKey(HttpRequest request, Map<String, String> params) {
        if (params.containsKey("u")) {
            return matching(params.get("u"), params.getOrDefault("p", ""));
        }
        Optional<String> header = request.getHeader("Authorization").map(HttpHeader::value);
        if (header.isEmpty()) {
            return Optional.empty();
        }
        String value = header.get();
        String pair;
        if (value.regionMatches(true, 0, "Token ", 0, 6)) {
            pair = value.substring(6).trim();
        } else if (value.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                pair = new String(Base64.getDecoder().decode(value.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        } else {
            return Optional.empty();
        }
        int colon = pair.indexOf(':');
        return colon > 0 ? matching(pair.substring(0, colon), pair.substring(colon + 1)) : Optional.empty();
    }

    private Optional<String> matching(String id, String secret) {
        String expected = accessKeys.get(id);
        boolean matches = expected != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                secret.getBytes(StandardCharsets.UTF_8));
        return matches ? Optional.of(id) : Optional.empty();
    }
}
