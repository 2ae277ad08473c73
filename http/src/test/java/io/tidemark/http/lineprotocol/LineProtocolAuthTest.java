package io.tidemark.http.lineprotocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.engine.catalog.Arns;
import io.tidemark.http.auth.AccessKeys;
import io.tidemark.http.auth.AccessPolicy;
import io.tidemark.http.auth.Action;
import io.tidemark.http.auth.Grant;
import io.tidemark.http.auth.Permissions;
import io.tidemark.http.wire.WireError;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.junit.jupiter.api.Test;

class LineProtocolAuthTest {

    /** AKIDLP may do everything; AKIDRO may only query. */
    private static final Map<String, String> SECRETS = Map.of("AKIDLP", "s3cret", "AKIDRO", "r3ad");
    private static final AccessPolicy QUERY_ONLY = AccessPolicy.of(List.of(
            new Grant(Set.of(Action.QUERY), Set.of("*"), Set.of("*"))));

    private final LineProtocolAuth auth = new LineProtocolAuth(SECRETS, new Permissions(
            new AccessKeys(SECRETS, Map.of("AKIDLP", AccessPolicy.FULL_ACCESS, "AKIDRO", QUERY_ONLY)),
            new Arns("us-east-1", "000000000000")));

    private static HttpRequest withAuthorization(String value) {
        return HttpRequest.POST("/write").addHeader(RawHeader.create("Authorization", value));
    }

    @Test
    void v1QueryCredentials() {
        assertThat(auth.accessKey(HttpRequest.POST("/write"), Map.of("u", "AKIDLP", "p", "s3cret"))).contains("AKIDLP");
        assertThat(auth.accessKey(HttpRequest.POST("/write"), Map.of("u", "AKIDLP", "p", "wrong"))).isEmpty();
        assertThat(auth.accessKey(HttpRequest.POST("/write"), Map.of("u", "AKIDLP"))).isEmpty();
        assertThat(auth.accessKey(HttpRequest.POST("/write"), Map.of("u", "other", "p", "s3cret"))).isEmpty();
    }

    @Test
    void tokenAndBasicHeaders() {
        assertThat(auth.accessKey(withAuthorization("Token AKIDLP:s3cret"), Map.of())).contains("AKIDLP");
        assertThat(auth.accessKey(withAuthorization("token AKIDLP:s3cret"), Map.of())).contains("AKIDLP");
        String basic = Base64.getEncoder().encodeToString("AKIDLP:s3cret".getBytes(StandardCharsets.UTF_8));
        assertThat(auth.accessKey(withAuthorization("Basic " + basic), Map.of())).contains("AKIDLP");
        assertThat(auth.accessKey(withAuthorization("Token AKIDLP:nope"), Map.of())).isEmpty();
        assertThat(auth.accessKey(withAuthorization("Basic !!!"), Map.of())).isEmpty();
        assertThat(auth.accessKey(withAuthorization("Bearer AKIDLP:s3cret"), Map.of())).isEmpty();
    }

    @Test
    void aKeyWithoutWriteOnTheDatabaseIsForbiddenAndBadCredentialsAreUnauthorized() {
        assertThat(auth.refusal(HttpRequest.POST("/write"), Map.of("u", "AKIDLP", "p", "s3cret"), "db")).isEmpty();
        WireError forbidden = auth.refusal(HttpRequest.POST("/write"), Map.of("u", "AKIDRO", "p", "r3ad"), "db")
                .orElseThrow();
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.message()).startsWith("User: AKIDRO is not authorized to perform: timestream:WriteRecords"
                + " on resource: arn:aws:timestream:us-east-1:000000000000:database/db ");
        assertThat(auth.refusal(HttpRequest.POST("/write"), Map.of("u", "AKIDRO", "p", "nope"), "db").orElseThrow()
                .status()).isEqualTo(401);
    }

    @Test
    void noCredentialsIsRefused() {
        assertThat(auth.accessKey(HttpRequest.POST("/write"), Map.of())).isEmpty();
    }
}
