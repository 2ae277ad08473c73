package io.tidemark.http.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.http.wire.WireError;
import io.tidemark.http.wire.WireException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * The verifier against signatures made by the AWS SDK's own SigV4 signer, at a fixed time: the
 * same request is accepted, and refused once tampered with, signed by another secret, for another
 * service, or too old.
 */
class SigV4VerifierTest {

    static final Instant SIGNED_AT = Instant.parse("2026-03-01T12:00:00Z");
    static final String BODY = "{\"DatabaseName\":\"sensors\"}";

    final SigV4Verifier verifier = new SigV4Verifier(Map.of("AKIDEXAMPLE", "secret"),
            Clock.fixed(SIGNED_AT.plusSeconds(60), ZoneOffset.UTC), Duration.ofMinutes(15));

    @Test
    void aRequestSignedByTheSdkSignerIsAccepted() {
        assertThat(verify(verifier, signed("secret", "timestream", "eu-central-1", BODY), bytes(BODY))).isEmpty();
        assertThat(verifier.authenticate(signed("secret", "timestream", "eu-central-1", BODY), bytes(BODY)))
                .isEqualTo("AKIDEXAMPLE");
    }

    @Test
    void aChangedBodyOrAnotherSecretIsAnInvalidSignature() {
        assertThat(code(verify(verifier, signed("secret", "timestream", "us-east-1", BODY),
                bytes("{\"DatabaseName\":\"other\"}")))).isEqualTo("InvalidSignatureException");
        assertThat(code(verify(verifier, signed("other", "timestream", "us-east-1", BODY), bytes(BODY))))
                .isEqualTo("InvalidSignatureException");
    }

    @Test
    void anotherServiceInTheScopeIsIncomplete() {
        assertThat(code(verify(verifier, signed("secret", "dynamodb", "us-east-1", BODY), bytes(BODY))))
                .isEqualTo("IncompleteSignatureException");
    }

    @Test
    void aSignatureOlderThanTheAllowedSkewHasExpired() {
        SigV4Verifier later = new SigV4Verifier(Map.of("AKIDEXAMPLE", "secret"),
                Clock.fixed(SIGNED_AT.plus(Duration.ofMinutes(16)), ZoneOffset.UTC), Duration.ofMinutes(15));
        Optional<WireError> refused = verify(later, signed("secret", "timestream", "us-east-1", BODY), bytes(BODY));
        assertThat(code(refused)).isEqualTo("InvalidSignatureException");
        assertThat(refused.get().message()).startsWith("Signature expired");
    }

    /** Signs a Timestream request with the SDK's signer and rebuilds it as the server receives it. */
    private static HttpRequest signed(String secret, String service, String region, String body) {
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST)
                .uri(URI.create("http://localhost:8080/"))
                .putHeader("Content-Type", "application/x-amz-json-1.0")
                .putHeader("X-Amz-Target", "Timestream_20181101.CreateDatabase")
                .build();
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create("AKIDEXAMPLE", secret))
                .request(request)
                .payload(ContentStreamProvider.fromUtf8String(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(SIGNED_AT, ZoneOffset.UTC))).request();
        List<HttpHeader> headers = new ArrayList<>();
        signed.forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type")) {
                values.forEach(v -> headers.add(RawHeader.create(name, v)));
            }
        });
        if (signed.firstMatchingHeader("Host").isEmpty()) {
            headers.add(RawHeader.create("Host", "localhost:8080"));
        }
        return HttpRequest.POST("/").addHeaders(headers).withEntity(HttpEntities.create(
                ContentTypes.parse("application/x-amz-json-1.0"), bytes(body)));
    }

    /** The refusal {@link SigV4Verifier#authenticate} throws; empty when it accepts the request. */
    private static Optional<WireError> verify(SigV4Verifier verifier, HttpRequest request, byte[] body) {
        try {
            verifier.authenticate(request, body);
            return Optional.empty();
        } catch (WireException e) {
            return Optional.of(e.error());
        }
    }

    private static String code(Optional<WireError> error) {
        return error.map(WireError::type).orElse("accepted");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
