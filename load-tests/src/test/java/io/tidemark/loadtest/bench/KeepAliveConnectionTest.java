package io.tidemark.loadtest.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The load client's connection against a scripted loopback server: it sends each request whole,
 * reads Content-Length, chunked and empty answers off one kept-alive connection, and opens a new
 * connection when the server closed the old one.
 */
class KeepAliveConnectionTest {

    private ServerSocket server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<Integer> connections = new CopyOnWriteArrayList<>();
    private Thread acceptor;

    /** Starts a server answering the n-th request on a connection with {@code answers[n]}, then closing it. */
    private URI serve(String... answers) throws IOException {
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        acceptor = new Thread(() -> {
            try {
                for (int c = 0; ; c++) {
                    try (Socket s = server.accept()) {
                        connections.add(c);
                        InputStream in = s.getInputStream();
                        OutputStream out = s.getOutputStream();
                        for (String answer : answers) {
                            requests.add(readRequest(in));
                            out.write(answer.getBytes(StandardCharsets.US_ASCII));
                            out.flush();
                        }
                    }
                }
            } catch (IOException closed) {
                // the test is over
            }
        });
        acceptor.start();
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    private static String readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed");
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.US_ASCII);
        int length = 0;
        for (String line : text.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        return text + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        acceptor.join(10_000);
    }

    @Test
    void readsEveryKindOfAnswerOffOneConnection() throws IOException {
        URI endpoint = serve("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Type: text/plain\r\n\r\nhello",
                "HTTP/1.1 204 No Content\r\n\r\n",
                "HTTP/1.1 419 Rejected Records\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;x=y\r\nde\r\n0\r\n\r\n");
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        try (KeepAliveConnection c = new KeepAliveConnection(endpoint, Duration.ofSeconds(10))) {
            byte[] head = KeepAliveConnection.requestHead(endpoint.resolve("/write?db=x"), body.length,
                    "X-Amz-Target", "T.WriteRecords");

            List<String> answers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                KeepAliveConnection.Answer a = c.exchange(head, body);
                answers.add(a.status() + " " + a.bodyText());
            }

            assertThat(answers).containsExactly("200 hello", "204 ", "419 abcde");
        }
        assertThat(connections).containsExactly(0);
        assertThat(requests.get(0)).isEqualTo("POST /write?db=x HTTP/1.1\r\nHost: 127.0.0.1:" + endpoint.getPort()
                + "\r\nX-Amz-Target: T.WriteRecords\r\nContent-Length: 7\r\n\r\n{\"a\":1}");
    }

    @Test
    void opensANewConnectionWhenTheServerClosedTheIdleOne() throws IOException {
        URI endpoint = serve("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        byte[] body = "x".getBytes(StandardCharsets.UTF_8);
        try (KeepAliveConnection c = new KeepAliveConnection(endpoint, Duration.ofSeconds(10))) {
            byte[] head = KeepAliveConnection.requestHead(endpoint, body.length);

            assertThat(c.exchange(head, body).bodyText()).isEqualTo("ok");
            assertThat(c.exchange(head, body).bodyText()).isEqualTo("ok");
        }
        assertThat(connections).containsExactly(0, 1);
        assertThat(requests).hasSize(2);
    }
}
