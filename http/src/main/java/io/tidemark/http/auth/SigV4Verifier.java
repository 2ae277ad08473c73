package io.tidemark.http.auth;

import static io.tidemark.http.auth.SigV4.hex;
import static io.tidemark.http.auth.SigV4.sha256;
import static io.tidemark.http.auth.SigV4.utf8;

import io.tidemark.http.wire.WireError;
import io.tidemark.http.wire.WireException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpRequest;

/**
 * Verifies AWS Signature Version 4 ({@code AWS4-HMAC-SHA256} in the {@code Authorization} header)
 * against the configured access keys. Any region is accepted in the credential scope; the service
 * must be {@code timestream}, as both Timestream clients sign with it. Refusals carry the error
 * codes AWS's front door sends, which the SDKs surface as typed exceptions:
 * MissingAuthenticationTokenException (no signature), IncompleteSignatureException (malformed
 * header), UnrecognizedClientException (unknown access key), InvalidSignatureException (signature
 * mismatch or request time outside the allowed skew).
 */
public final class SigV4Verifier {

    static final String ALGORITHM = SigV4.ALGORITHM;
    static final String SERVICE = SigV4.SERVICE;
    private static final DateTimeFormatter AMZ_DATE = SigV4.AMZ_DATE;

    private final Map<String, String> secretsByAccessKey;
    private final Clock clock;
    private final Duration maxSkew;

    /**
     * @param secretsByAccessKey access key id to secret access key
     * @param maxSkew how far the request's X-Amz-Date may be from this server's clock (AWS allows 15 minutes)
     */
    public SigV4Verifier(Map<String, String> secretsByAccessKey, Clock clock, Duration maxSkew) {
        this.secretsByAccessKey = Map.copyOf(secretsByAccessKey);
        this.clock = clock;
        this.maxSkew = maxSkew;
    }

    /**
     * The access key that signed the request.
     *
     * @throws WireException the error to answer when the request is not signed by a configured key
     */
    public String authenticate(HttpRequest request, byte[] body) {
        Verification verification = check(request, body);
        if (verification.refusal() != null) {
            throw verification.refusal().exception();
        }
        return verification.accessKey();
    }

    /** The outcome of checking a signature: the signing key, or the refusal (exactly one of them non-null). */
    private record Verification(String accessKey, WireError refusal) {
    }

    private Verification check(HttpRequest request, byte[] body) {
        Optional<String> authorization = request.getHeader("Authorization").map(HttpHeader::value);
        if (authorization.isEmpty()) {
            return refuse(403, "MissingAuthenticationTokenException", "Missing Authentication Token");
        }
        Map<String, String> fields = parseAuthorization(authorization.get());
        String credential = fields.get("Credential");
        String signedHeaders = fields.get("SignedHeaders");
        String signature = fields.get("Signature");
        if (fields.isEmpty() || credential == null || signedHeaders == null || signature == null) {
            return refuse(400, "IncompleteSignatureException", "cannot verify signature: the Authorization header "
                    + "must be '" + ALGORITHM + " Credential=…, SignedHeaders=…, Signature=…'");
        }
        String[] scope = credential.split("/");
        if (scope.length != 5 || !SERVICE.equals(scope[3]) || !"aws4_request".equals(scope[4])) {
            return refuse(400, "IncompleteSignatureException", "cannot verify signature: credential scope "
                    + "must be '<key>/<yyyymmdd>/<region>/" + SERVICE + "/aws4_request', got '" + credential + "'");
        }
        String secret = secretsByAccessKey.get(scope[0]);
        if (secret == null) {
            return refuse(403, "UnrecognizedClientException", "The security token included in the request is invalid.");
        }
        Optional<String> amzDate = request.getHeader("X-Amz-Date").map(HttpHeader::value);
        if (amzDate.isEmpty() || !amzDate.get().startsWith(scope[1])) {
            return refuse(400, "IncompleteSignatureException",
                    "cannot verify signature: X-Amz-Date missing or not within the credential scope's date");
        }
        Instant signedAt;
        try {
            signedAt = Instant.from(AMZ_DATE.parse(amzDate.get()));
        } catch (DateTimeParseException e) {
            return refuse(400, "IncompleteSignatureException",
                    "cannot verify signature: X-Amz-Date=" + amzDate.get() + " (expected yyyyMMdd'T'HHmmss'Z')");
        }
        Instant now = clock.instant();
        if (Duration.between(signedAt, now).abs().compareTo(maxSkew) > 0) {
            return refuse(403, "InvalidSignatureException", "Signature expired: " + amzDate.get()
                    + " is now earlier or later than the allowed window around " + AMZ_DATE.format(now));
        }
        String payloadHash = hex(sha256(body));
        Optional<String> declaredHash = request.getHeader("X-Amz-Content-Sha256").map(HttpHeader::value);
        if (declaredHash.isPresent() && !declaredHash.get().equalsIgnoreCase(payloadHash)) {
            return refuse(403, "InvalidSignatureException", "The provided x-amz-content-sha256 header does not "
                    + "match the hash of the request body.");
        }
        String canonical = canonicalRequest(request, signedHeaders, body, payloadHash);
        String expected = SigV4.signature(secret, amzDate.get(), scope[1] + "/" + scope[2] + "/" + scope[3] + "/" + scope[4],
                canonical);
        if (!MessageDigest.isEqual(utf8(expected), utf8(signature))) {
            return refuse(403, "InvalidSignatureException", "The request signature we calculated does not match the "
                    + "signature you provided. Check your AWS Secret Access Key and signing method.");
        }
        return new Verification(scope[0], null);
    }

    /**
     * The canonical request of SigV4: method, path, query, the signed headers and the body's hash
     * (always the hash of the body received, never a client's claim about it).
     */
    static String canonicalRequest(HttpRequest request, String signedHeaders, byte[] body, String payloadHash) {
        StringBuilder out = new StringBuilder();
        out.append(request.method().value()).append('\n');
        String path = request.getUri().path();
        out.append(path.isEmpty() ? "/" : path).append('\n');
        out.append(canonicalQuery(request.getUri().rawQueryString().orElse(""))).append('\n');
        for (String name : signedHeaders.split(";")) {
            out.append(name).append(':').append(headerValue(request, name, body)).append('\n');
        }
        out.append('\n').append(signedHeaders).append('\n');
        out.append(payloadHash);
        return out.toString();
    }

    /**
     * A signed header's value as the client sent it. Content-Type and Content-Length are not in the
     * header list of the parsed request (they belong to its entity), so they are rebuilt from it.
     */
    private static String headerValue(HttpRequest request, String name, byte[] body) {
        if (name.equals("content-type")) {
            return request.entity().getContentType().toString();
        }
        if (name.equals("content-length")) {
            return Long.toString(body.length);
        }
        List<String> values = new ArrayList<>();
        for (HttpHeader h : request.getHeaders()) {
            if (h.lowercaseName().equals(name)) {
                values.add(h.value().trim().replaceAll(" +", " "));
            }
        }
        return String.join(",", values);
    }

    private static String canonicalQuery(String raw) {
        if (raw.isEmpty()) {
            return "";
        }
        TreeMap<String, List<String>> params = new TreeMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            params.computeIfAbsent(encode(k), x -> new ArrayList<>()).add(encode(v));
        }
        StringBuilder out = new StringBuilder();
        params.forEach((k, vs) -> vs.stream().sorted().forEach(v -> {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(k).append('=').append(v);
        }));
        return out.toString();
    }

    private static String encode(String component) {
        String decoded = URLDecoder.decode(component, StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder();
        for (byte b : utf8(decoded)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    /** {@code AWS4-HMAC-SHA256 Credential=a, SignedHeaders=b, Signature=c} to its fields; empty if malformed. */
    static Map<String, String> parseAuthorization(String header) {
        if (!header.startsWith(ALGORITHM + " ")) {
            return Map.of();
        }
        Map<String, String> fields = new HashMap<>();
        for (String part : header.substring(ALGORITHM.length() + 1).split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                fields.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
            }
        }
        return fields;
    }

    private static Verification refuse(int status, String type, String message) {
        return new Verification(null, WireError.of(status, type, message));
    }
}
