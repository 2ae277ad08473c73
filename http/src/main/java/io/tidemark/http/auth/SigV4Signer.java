package io.tidemark.http.auth;

import static io.tidemark.http.auth.SigV4.hex;
import static io.tidemark.http.auth.SigV4.sha256;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Signs Timestream calls ({@code POST /} with an AWS JSON body) with AWS Signature Version 4, as
 * the AWS SDKs do, so a node running with {@code auth = sigv4} accepts them. Credentials come from
 * the standard environment variables.
 */
public final class SigV4Signer {

    private final String accessKey;
    private final String secret;
    private final Optional<String> sessionToken;
    private final String region;
    private final Clock clock;

    public SigV4Signer(String accessKey, String secret, Optional<String> sessionToken, String region, Clock clock) {
        this.accessKey = accessKey;
        this.secret = secret;
        this.sessionToken = sessionToken;
        this.region = region;
        this.clock = clock;
    }

    /**
     * A signer from {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY}, optional
     * {@code AWS_SESSION_TOKEN} and {@code AWS_REGION} (default us-east-1); empty when no key is set.
     */
    public static Optional<SigV4Signer> fromEnvironment(Map<String, String> env, Clock clock) {
        String key = env.get("AWS_ACCESS_KEY_ID");
        String secret = env.get("AWS_SECRET_ACCESS_KEY");
        if (key == null || key.isBlank() || secret == null) {
            return Optional.empty();
        }
        String region = env.getOrDefault("AWS_REGION", env.getOrDefault("AWS_DEFAULT_REGION", "us-east-1"));
        return Optional.of(new SigV4Signer(key, secret, Optional.ofNullable(env.get("AWS_SESSION_TOKEN")), region, clock));
    }

    /**
     * Adds the signing headers to a POST of {@code body} to {@code endpoint}'s root.
     *
     * @param headers the request's other headers (Content-Type, X-Amz-Target …): all are signed
     */
    public HttpRequest.Builder sign(HttpRequest.Builder request, URI endpoint, Map<String, String> headers, byte[] body) {
        String amzDate = SigV4.AMZ_DATE.format(clock.instant());
        String scope = amzDate.substring(0, 8) + "/" + region + "/" + SigV4.SERVICE + "/aws4_request";
        String payloadHash = hex(sha256(body));
        TreeMap<String, String> signed = new TreeMap<>();
        headers.forEach((name, value) -> signed.put(name.toLowerCase(Locale.ROOT), value.trim()));
        signed.put("host", endpoint.getPort() < 0 ? endpoint.getHost() : endpoint.getHost() + ":" + endpoint.getPort());
        signed.put("x-amz-date", amzDate);
        signed.put("x-amz-content-sha256", payloadHash);
        sessionToken.ifPresent(token -> signed.put("x-amz-security-token", token));
        String signedHeaders = String.join(";", signed.keySet());
        StringBuilder canonical = new StringBuilder("POST\n/\n\n");
        signed.forEach((name, value) -> canonical.append(name).append(':').append(value).append('\n'));
        canonical.append('\n').append(signedHeaders).append('\n').append(payloadHash);
        String signature = SigV4.signature(secret, amzDate, scope, canonical.toString());
        headers.forEach(request::header);
        request.header("X-Amz-Date", amzDate).header("X-Amz-Content-Sha256", payloadHash);
        sessionToken.ifPresent(token -> request.header("X-Amz-Security-Token", token));
        return request.header("Authorization", SigV4.ALGORITHM + " Credential=" + accessKey + "/" + scope
                + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature);
    }
}
