package io.tidemark.http.lineprotocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.junit.jupiter.api.Test;

class LineProtocolAuthTest {

    private final LineProtocolAuth auth = new LineProtocolAuth(Map.of("AKIDLP", "s3cret"));

    private static HttpRequest withAuthorization(String value) {
        return HttpRequest.POST("/write").addHeader(RawHeader.create("Authorization", value));
    }

    @Test
    void v1QueryCredentials() {
        assertThat(auth.allows(HttpRequest.POST("/write"), Map.of("u", "AKIDLP", "p", "s3cret"))).isTrue();
        assertThat(auth.allows(HttpRequest.POST("/write"), Map.of("u", "AKIDLP", "p", "wrong"))).isFalse();
        assertThat(auth.allows(HttpRequest.POST("/write"), Map.of("u", "AKIDLP"))).isFalse();
        assertThat(auth.allows(HttpRequest.POST("/write"), Map.of("u", "other", "p", "s3cret"))).isFalse();
    }

    @Test
    void tokenAndBasicHeaders() {
        assertThat(auth.allows(withAuthorization("Token AKIDLP:s3cret"), Map.of())).isTrue();
        assertThat(auth.allows(withAuthorization("token AKIDLP:s3cret"), Map.of())).isTrue();
        String basic = Base64.getEncoder().encodeToString("AKIDLP:s3cret".getBytes(StandardCharsets.UTF_8));
        assertThat(auth.allows(withAuthorization("Basic " + basic), Map.of())).isTrue();
        assertThat(auth.allows(withAuthorization("Token AKIDLP:nope"), Map.of())).isFalse();
        assertThat(auth.allows(withAuthorization("Basic !!!"), Map.of())).isFalse();
        assertThat(auth.allows(withAuthorization("Bearer AKIDLP:s3cret"), Map.of())).isFalse();
    }

    @Test
    void noCredentialsIsRefused() {
        assertThat(auth.allows(HttpRequest.POST("/write"), Map.of())).isFalse();
    }
}
