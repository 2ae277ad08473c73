package io.tidemark.loadtest.compare;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The HTTP calls the comparison makes to every system: the JDK client over HTTP/1.1, which never
 * sends {@code Expect: 100-continue} (QuestDB does not answer it, and a client that waits for the
 * answer stalls a second per request).
 */
public final class PeerHttp {

    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    /** A response's status and body. */
    public record Response(int status, String body) {
    }

    public Response get(URI uri) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build());
    }

    public Response post(URI uri, byte[] body, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(builder::header);
        return send(builder.build());
    }

    /** True when {@code uri} answers at all (any status): the server listens. */
    public boolean answers(URI uri) throws InterruptedException {
        try {
            client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private Response send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body());
    }

    /** {@code base?k1=v1&k2=v2}, values URL-encoded, in the map's order. */
    public static URI withQuery(URI base, Map<String, String> parameters) {
        StringJoiner query = new StringJoiner("&");
        parameters.forEach((k, v) -> query.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return URI.create(base + "?" + query);
    }

    /** Fails unless the response has the expected status. */
    public static Response expect(Response response, int status, String what) throws IOException {
        if (response.status() != status) {
            String body = response.body();
            throw new IOException("cannot " + what + ": status=" + response.status() + ", body="
                    + (body.length() <= 500 ? body : body.substring(0, 500) + "..."));
        }
        return response;
    }
}
