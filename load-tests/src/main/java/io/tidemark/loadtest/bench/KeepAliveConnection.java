package io.tidemark.loadtest.bench;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * One keep-alive HTTP/1.1 connection of a load client, as cheap per call as a client can be: the
 * request is written from bytes prepared before the clock starts (see {@link #requestHead}) in one
 * blocking socket write, headers and body together, and the answer's status line and headers are
 * read from one reused buffer (a success answers a few bytes at most). No selector thread, no
 * request object, no header map per call, so the loader takes as little of the machine's CPU as
 * possible and the server under test gets the rest. Handles {@code Content-Length} and chunked
 * answers and {@code Connection: close}; a connection the server closed while it was idle is
 * opened again once. Not thread-safe: one per client thread.
 */
final class KeepAliveConnection implements Closeable {

    /** A call's status and body. */
    record Answer(int status, byte[] body) {
        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private static final int MAX_HEAD_BYTES = 64 * 1024;

    private final InetSocketAddress address;
    private final int timeoutMillis;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private byte[] buffer = new byte[8192];
    /** The request being sent, its pieces copied together. */
    private byte[] request = new byte[0];
    /** Bytes of {@link #buffer} read from the socket and not consumed yet: {@code [position, limit)}. */
    private int position;
    private int limit;

    KeepAliveConnection(URI endpoint, Duration timeout) {
        int port = endpoint.getPort() >= 0 ? endpoint.getPort() : 80;
        this.address = new InetSocketAddress(endpoint.getHost(), port);
        this.timeoutMillis = Math.toIntExact(timeout.toMillis());
    }

    /**
     * The request line and headers of a POST of {@code contentLength} bytes to {@code target},
     * {@code headers} given as name, value, name, value …
     */
    static byte[] requestHead(URI target, long contentLength, String... headers) {
        StringBuilder head = new StringBuilder(256).append("POST ").append(target.getRawPath().isEmpty() ? "/"
                : target.getRawPath());
        if (target.getRawQuery() != null) {
            head.append('?').append(target.getRawQuery());
        }
        head.append(" HTTP/1.1\r\nHost: ").append(target.getHost()).append(':').append(target.getPort()).append("\r\n");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        head.append("Content-Length: ").append(contentLength).append("\r\n\r\n");
        return head.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Writes {@code pieces} (a {@link #requestHead} and the body's parts, in order) and reads the answer. */
    Answer exchange(byte[]... pieces) throws IOException {
        boolean reused = socket != null;
        if (!reused) {
            open();
        }
        try {
            return send(pieces);
        } catch (EOFException | java.net.SocketException e) {
            if (!reused) {
                throw e;
            }
            // The server closed the connection while it was idle: once more on a new one.
            close();
            open();
            return send(pieces);
        }
    }

    private Answer send(byte[]... pieces) throws IOException {
        // One write for the whole request, as a client with a buffered writer sends it: a body that
        // follows its headers in a write of its own reaches the server's route as a streamed entity.
        if (pieces.length == 1) {
            out.write(pieces[0]);
        } else {
            int size = 0;
            for (byte[] piece : pieces) {
                size += piece.length;
            }
            if (request.length < size) {
                request = new byte[Math.max(size, request.length * 2)];
            }
            int at = 0;
            for (byte[] piece : pieces) {
                System.arraycopy(piece, 0, request, at, piece.length);
                at += piece.length;
            }
            out.write(request, 0, size);
        }
        out.flush();
        int headEnd = readHead();
        int status = status(headEnd);
        long length = -1;
        boolean chunked = false;
        boolean closes = false;
        for (int line = lineEnd(position) + 2; line < headEnd; line = lineEnd(line) + 2) {
            int end = lineEnd(line);
            if (startsWith(line, end, "content-length:")) {
                length = Long.parseLong(value(line, end, "content-length:".length()));
            } else if (startsWith(line, end, "transfer-encoding:")) {
                chunked = value(line, end, "transfer-encoding:".length()).toLowerCase(Locale.ROOT).contains("chunked");
            } else if (startsWith(line, end, "connection:")) {
                closes = value(line, end, "connection:".length()).equalsIgnoreCase("close");
            }
        }
        position = headEnd + 4;
        byte[] body = new byte[0];
        boolean noBody = status == 204 || status == 304 || status / 100 == 1;
        if (!noBody) {
            if (chunked) {
                body = readChunked(body);
            } else if (length >= 0) {
                body = readBody(body, length);
            } else {
                throw new IOException("cannot read answer from " + address + ": status " + status
                        + " with neither Content-Length nor chunked encoding");
            }
        }
        if (closes) {
            close();
        }
        return new Answer(status, body);
    }

    /** Reads until the blank line after the headers; its offset in the buffer ({@code \r\n\r\n} at it). */
    private int readHead() throws IOException {
        int from = position;
        while (true) {
            for (int i = from; i + 3 < limit; i++) {
                if (buffer[i] == '\r' && buffer[i + 1] == '\n' && buffer[i + 2] == '\r' && buffer[i + 3] == '\n') {
                    return i;
                }
            }
            if (limit - position > MAX_HEAD_BYTES) {
                throw new IOException("cannot read answer from " + address + ": headers over " + MAX_HEAD_BYTES
                        + " bytes");
            }
            fill();
            from = position;
        }
    }

    private int status(int headEnd) throws IOException {
        int end = lineEnd(position);
        String line = new String(buffer, position, Math.min(end, headEnd) - position, StandardCharsets.US_ASCII);
        if (!line.startsWith("HTTP/1.") || line.length() < 12) {
            throw new IOException("cannot read answer from " + address + ": status line " + line);
        }
        return Integer.parseInt(line.substring(9, 12));
    }

    private byte[] readBody(byte[] keep, long length) throws IOException {
        long left = length;
        while (left > 0) {
            if (position == limit) {
                fill();
            }
            int n = (int) Math.min(left, limit - position);
            keep = append(keep, n);
            position += n;
            left -= n;
        }
        return keep;
    }

    private byte[] readChunked(byte[] keep) throws IOException {
        while (true) {
            int end = readLine();
            long size = Long.parseLong(new String(buffer, position, end - position, StandardCharsets.US_ASCII)
                    .split(";", 2)[0].trim(), 16);
            position = end + 2;
            if (size == 0) {
                // trailers, if any, end with a blank line
                for (int line = readLine(); line != position; line = readLine()) {
                    position = line + 2;
                }
                position += 2;
                return keep;
            }
            keep = readBody(keep, size);
            position = readLine() + 2;
        }
    }

    /** Reads until a {@code \r\n} from {@link #position}; its offset. */
    private int readLine() throws IOException {
        while (true) {
            for (int i = position; i + 1 < limit; i++) {
                if (buffer[i] == '\r' && buffer[i + 1] == '\n') {
                    return i;
                }
            }
            fill();
        }
    }

    private byte[] append(byte[] keep, int n) {
        byte[] more = Arrays.copyOf(keep, keep.length + n);
        System.arraycopy(buffer, position, more, keep.length, n);
        return more;
    }

    /** Reads more bytes after {@link #limit}, first moving the unread ones to the start of the buffer. */
    private void fill() throws IOException {
        if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            limit -= position;
            position = 0;
        }
        if (limit == buffer.length) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        int n = in.read(buffer, limit, buffer.length - limit);
        if (n < 0) {
            throw new EOFException("cannot read answer from " + address + ": the server closed the connection");
        }
        limit += n;
    }

    private int lineEnd(int from) {
        for (int i = from; i + 1 < limit; i++) {
            if (buffer[i] == '\r' && buffer[i + 1] == '\n') {
                return i;
            }
        }
        return limit;
    }

    private boolean startsWith(int from, int end, String lowerCaseName) {
        if (end - from < lowerCaseName.length()) {
            return false;
        }
        for (int i = 0; i < lowerCaseName.length(); i++) {
            if (Character.toLowerCase((char) buffer[from + i]) != lowerCaseName.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private String value(int from, int end, int nameLength) {
        return new String(buffer, from + nameLength, end - from - nameLength, StandardCharsets.US_ASCII).trim();
    }

    private void open() throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.setSoTimeout(timeoutMillis);
        s.connect(address, timeoutMillis);
        socket = s;
        in = s.getInputStream();
        out = s.getOutputStream();
        position = 0;
        limit = 0;
    }

    @Override
    public void close() throws IOException {
        if (socket != null) {
            Socket s = socket;
            socket = null;
            s.close();
        }
    }
}
