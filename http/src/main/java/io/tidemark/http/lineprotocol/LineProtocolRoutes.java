package io.tidemark.http.lineprotocol;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.tidemark.engine.Engine;
import io.tidemark.engine.EngineException;
import io.tidemark.engine.ErrorKind;
import io.tidemark.http.wire.StrictBody;
import io.tidemark.http.wire.WireError;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPInputStream;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.scaladsl.model.EntityStreamSizeException;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.util.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * InfluxDB line-protocol writes: {@code POST /write?db=&precision=} (v1; {@code rp}, {@code u},
 * {@code p} accepted, see {@link LineProtocolAuth}) and {@code POST /api/v2/write?bucket=&org=&precision=}
 * (v2; {@code org} ignored), plus {@code GET|HEAD /ping}. Answers as InfluxDB does: 204 when every
 * line was written (durably), 400 {@code {"error":"partial write: …"}} naming each refused line
 * (the others are written), 404 for an unknown database, 400 for a bad precision, 401 without valid
 * credentials and 403 for a key not allowed to write the database (under {@code auth = sigv4}), 413 for a body
 * over {@code tidemark.http.line-protocol.max-body-bytes} (also after gzip decompression).
 */
public final class LineProtocolRoutes extends AllDirectives {

    private static final Logger LOG = LoggerFactory.getLogger(LineProtocolRoutes.class);
    /** At most this many refused lines are named in a partial-write message; the rest are counted. */
    private static final int MAX_LISTED_LINES = 100;

    private final Engine engine;
    private final LineProtocolSettings settings;
    private final Optional<LineProtocolAuth> auth;
    private final long bodyTimeoutMillis;
    private final Clock clock;
    private final Materializer materializer;
    private final SeriesCache cache;

    /**
     * @param auth present when writes must carry one of the node's access keys
     * @param bodyTimeoutMillis how long a client may take to send its body
     */
    public LineProtocolRoutes(Engine engine, LineProtocolSettings settings, Optional<LineProtocolAuth> auth,
            long bodyTimeoutMillis, Clock clock, Materializer materializer) {
        this.engine = engine;
        this.settings = settings;
        this.auth = auth;
        this.bodyTimeoutMillis = bodyTimeoutMillis;
        this.clock = clock;
        this.materializer = materializer;
        this.cache = new SeriesCache(settings.seriesCacheEntries());
    }

    public Route route() {
        return concat(
                path("write", () -> post(() -> parameterMap(params -> extractRequest(request ->
                        completeWithFuture(handle(request, params, false)))))),
                path(PathMatchers.segment("api").slash("v2").slash("write"), () -> post(() -> parameterMap(params ->
                        extractRequest(request -> completeWithFuture(handle(request, params, true)))))),
                path("ping", () -> concat(get(() -> complete(StatusCodes.NO_CONTENT)),
                        head(() -> complete(StatusCodes.NO_CONTENT)))));
    }

    /** Answers one write; the stage always completes normally. */
    CompletionStage<HttpResponse> handle(HttpRequest request, Map<String, String> params, boolean v2) {
        String database = params.get(v2 ? "bucket" : "db");
        if (database == null || database.isEmpty()) {
            return done(error(400, v2 ? "bucket is required" : "database is required"));
        }
        Precision precision;
        try {
            precision = Precision.parse(params.get("precision"), v2);
        } catch (IllegalArgumentException e) {
            return done(error(400, e.getMessage()));
        }
        Optional<WireError> refused = auth.flatMap(a -> a.refusal(request, params, database));
        if (refused.isPresent()) {
            return done(error(refused.get().status(), refused.get().message()));
        }
        long declared = request.entity().getContentLengthOption().orElse(-1L);
        if (declared > settings.maxBodyBytes()) {
            return done(tooLarge(declared));
        }
        // the explicit limit replaces Pekko's own 8 MiB cap on collected entities; StrictBody's stage runs the
        // continuations on the thread that collected the body, not on a thread started per request
        return StrictBody.read(request.entity(), settings.maxBodyBytes(), bodyTimeoutMillis, materializer)
                .thenCompose(data -> {
                    byte[] body = decode(request, data);
                    LineProtocolWrite write = new LineProtocolWrite(engine, database, precision, clock.millis(),
                            cache, body, body.length - LineScanner.PADDING);
                    return scanAll(write, database).thenCompose(done -> write.write())
                            .thenCompose(rejected -> checkDatabase(write, database).thenApply(ok -> rejected));
                })
                .thenApply(LineProtocolRoutes::render)
                .exceptionally(this::failure);
    }

    /** Scans the body, creating (or refusing) each missing table as the scan meets it. */
    private CompletionStage<Void> scanAll(LineProtocolWrite write, String database) {
        String missing = write.scan();
        if (missing == null) {
            return CompletableFuture.completedFuture(null);
        }
        return provideTable(write, database, missing).thenCompose(done -> scanAll(write, database));
    }

    private CompletionStage<Void> provideTable(LineProtocolWrite write, String database, String measurement) {
        if (!settings.createTables()) {
            return databaseExists(database).thenApply(exists -> {
                write.tableUnavailable(measurement, "table not found: database=" + database + ", table="
                        + measurement + " (tidemark.http.line-protocol.create-tables is off)");
                return null;
            });
        }
        return engine.catalog().createTable(database, measurement, null, null, null, List.of())
                .handle((created, failure) -> {
                    if (failure == null) {
                        return null;
                    }
                    Throwable cause = unwrap(failure);
                    if (!(cause instanceof EngineException)) {
                        throw new CompletionException(cause);
                    }
                    EngineException e = (EngineException) cause;
                    if (e.kind() == ErrorKind.NOT_FOUND) {
                        throw new CompletionException(new DatabaseNotFound(database));
                    }
                    if (e.kind() == ErrorKind.VALIDATION) {
                        write.tableUnavailable(measurement, "cannot create table: " + e.getMessage());
                    } else if (e.kind() == ErrorKind.CONFLICT) {
                        if (engine.catalog().table(database, measurement).isEmpty()) {
                            write.tableUnavailable(measurement, "table " + measurement
                                    + " is being created by another request; retry the write");
                        }
                    } else {
                        throw new CompletionException(e);
                    }
                    return null;
                });
    }

    /** A body that named no existing table still needs its database to exist (InfluxDB answers 404). */
    private CompletionStage<Void> checkDatabase(LineProtocolWrite write, String database) {
        if (write.foundTable()) {
            return CompletableFuture.completedFuture(null);
        }
        return databaseExists(database).thenApply(exists -> null);
    }

    private CompletionStage<Boolean> databaseExists(String database) {
        return engine.catalog().describeDatabase(database).handle((d, failure) -> {
            if (failure == null) {
                return true;
            }
            Throwable cause = unwrap(failure);
            if (cause instanceof EngineException && ((EngineException) cause).kind() == ErrorKind.NOT_FOUND) {
                throw new CompletionException(new DatabaseNotFound(database));
            }
            throw new CompletionException(cause);
        });
    }

    /**
     * The body's bytes, gunzipped when the client says so (within the same limit), followed by
     * {@link LineScanner#PADDING} newlines for the scanner.
     */
    private byte[] decode(HttpRequest request, ByteString data) {
        Optional<String> encoding = request.getHeader("Content-Encoding").map(HttpHeader::value);
        if (encoding.isEmpty() || encoding.get().equalsIgnoreCase("identity")) {
            int length = data.size();
            byte[] body = new byte[length + LineScanner.PADDING];
            data.iterator().getBytes(body, 0, length);
            return padded(body, length);
        }
        if (!encoding.get().equalsIgnoreCase("gzip")) {
            throw new BadRequest(415, "cannot read body: unsupported Content-Encoding=" + encoding.get()
                    + " (expected gzip or identity)");
        }
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(data.toArrayUnsafe()), 64 * 1024)) {
            byte[] out = in.readNBytes((int) settings.maxBodyBytes());
            if (in.read() >= 0) {
                throw new BadRequest(413, "cannot read body: gzip body inflates past the limit of "
                        + settings.maxBodyBytes() + " bytes (tidemark.http.line-protocol.max-body-bytes)");
            }
            return padded(Arrays.copyOf(out, out.length + LineScanner.PADDING), out.length);
        } catch (IOException e) {
            throw new BadRequest(400, "cannot read body: malformed gzip: " + e.getMessage());
        }
    }

    private static byte[] padded(byte[] body, int length) {
        Arrays.fill(body, length, body.length, (byte) '\n');
        return body;
    }

    private static HttpResponse render(List<LineRejection> rejected) {
        if (rejected.isEmpty()) {
            return HttpResponse.create().withStatus(StatusCodes.NO_CONTENT);
        }
        StringBuilder message = new StringBuilder("partial write:");
        for (int i = 0; i < rejected.size() && i < MAX_LISTED_LINES; i++) {
            LineRejection r = rejected.get(i);
            message.append(i == 0 ? " " : "; ").append("line ").append(r.line()).append(": ").append(r.reason());
        }
        if (rejected.size() > MAX_LISTED_LINES) {
            message.append("; and ").append(rejected.size() - MAX_LISTED_LINES).append(" more lines");
        }
        message.append(" dropped=").append(rejected.size());
        return error(400, message.toString());
    }

    private HttpResponse failure(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof DatabaseNotFound) {
            return error(404, "database not found: \"" + ((DatabaseNotFound) cause).database + "\"");
        }
        if (cause instanceof BadRequest) {
            return error(((BadRequest) cause).status, cause.getMessage());
        }
        if (cause instanceof EntityStreamSizeException) {
            return tooLarge(((EntityStreamSizeException) cause).actualSize().getOrElse(() -> settings.maxBodyBytes() + 1));
        }
        if (cause instanceof TimeoutException) {
            return error(408, "cannot read body: it did not arrive within " + bodyTimeoutMillis
                    + " ms (tidemark.http.limits.body-timeout)");
        }
        if (cause instanceof EngineException) {
            EngineException e = (EngineException) cause;
            switch (e.kind()) {
                case THROTTLING:
                    return error(503, e.getMessage()).addHeader(RawHeader.create("Retry-After", "1"));
                case NOT_FOUND:
                    return error(404, e.getMessage());
                case VALIDATION:
                    return error(400, e.getMessage());
                default:
                    break;
            }
        }
        LOG.error("cannot answer line-protocol write: internal failure", cause);
        return error(500, "cannot write: internal failure (" + cause.getClass().getSimpleName() + ")");
    }

    private HttpResponse tooLarge(long size) {
        return error(413, "cannot read body: " + size + " bytes exceed the limit of " + settings.maxBodyBytes()
                + " bytes (tidemark.http.line-protocol.max-body-bytes)");
    }

    /** InfluxDB's error shape: {@code {"error":"…"}}. */
    static HttpResponse error(int status, String message) {
        String json = "{\"error\":\"" + new String(JsonStringEncoder.getInstance().quoteAsString(message)) + "\"}";
        return HttpResponse.create().withStatus(StatusCodes.get(status))
                .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, json.getBytes(StandardCharsets.UTF_8)));
    }

    private static CompletionStage<HttpResponse> done(HttpResponse response) {
        return CompletableFuture.completedFuture(response);
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static final class DatabaseNotFound extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String database;

        DatabaseNotFound(String database) {
            super("database not found: " + database, null, false, false);
            this.database = database;
        }
    }

    /** A request refused before its lines are read, with its status. */
    private static final class BadRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;

        BadRequest(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }
}
