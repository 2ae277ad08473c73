package io.tidemark.http.sql;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidemark.engine.EngineException;
import io.tidemark.engine.ErrorKind;
import io.tidemark.engine.query.QueryService;
import io.tidemark.engine.query.ResultStream;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.http.auth.AccessControl;
import io.tidemark.http.wire.StrictBody;
import io.tidemark.http.wire.WireError;
import io.tidemark.http.wire.WireException;
import io.tidemark.http.wire.WireJson;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.scaladsl.model.EntityStreamSizeException;
import org.apache.pekko.japi.pf.PFBuilder;
import org.apache.pekko.stream.Graph;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.SourceShape;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /sql}: runs one statement and streams its whole result, no paging. The body is the
 * statement, as {@code text/plain} (any {@code text/*}, or no Content-Type) or as
 * {@code application/json} {@code {"query": "…"}}. The result is pulled from the engine batch by
 * batch as the client reads it ({@link ResultStream}: a pipeline's rows come shard by shard and
 * are never held whole, so only what a blocking operator keeps counts against
 * {@code tidemark.engine.query.memory-limit}), rendered as JSON or CSV by {@code Accept}
 * ({@link ResultFormat}) into a chunked entity ({@link ResultRenderer}). A client that disconnects
 * cancels the query. Failures up to the first batch are answered before any row, whatever the
 * format, as {@code {"error": {"type", "message"}}} with the status the wire API sends for the
 * same error (a SQL error keeps the parser's {@code line L:C: …} message); a failure after that
 * ends a JSON document with an {@code "error"} member and aborts a CSV response. With
 * {@code auth = sigv4} the request must be signed as for Query (service {@code timestream}), by a
 * key allowed Query on every table the statement reads (else 403 AccessDeniedException).
 */
public final class SqlRoutes extends AllDirectives {

    private static final Logger LOG = LoggerFactory.getLogger(SqlRoutes.class);

    private final QueryService queries;
    private final Optional<AccessControl> access;
    private final long maxBodyBytes;
    private final long bodyTimeoutMillis;
    private final Materializer materializer;

    /**
     * @param access present when requests must carry a valid SigV4 signature by a key allowed to run them
     * @param maxBodyBytes longer statements are refused with 413
     * @param bodyTimeoutMillis how long a client may take to send its body
     */
    public SqlRoutes(QueryService queries, Optional<AccessControl> access, long maxBodyBytes,
            long bodyTimeoutMillis, Materializer materializer) {
        this.queries = queries;
        this.access = access;
        this.maxBodyBytes = maxBodyBytes;
        this.bodyTimeoutMillis = bodyTimeoutMillis;
        this.materializer = materializer;
    }

    public Route route() {
        return path("sql", () -> post(() -> extractRequest(request -> completeWithFuture(handle(request)))));
    }

    /** Answers one request; the stage always completes normally. */
    CompletionStage<HttpResponse> handle(HttpRequest request) {
        Optional<ResultFormat> format = ResultFormat.negotiate(request);
        if (format.isEmpty()) {
            String accept = request.getHeader("Accept").map(HttpHeader::value).orElse("");
            return CompletableFuture.completedFuture(error(WireError.of(406, "NotAcceptableException",
                    "cannot render result: Accept=" + accept + " (supported: " + ResultFormat.SUPPORTED + ")")));
        }
        return readBody(request)
                .thenCompose(body -> queries.stream(statement(request, body)))
                .thenCompose(stream -> stream.next().thenApply(first -> respond(stream, first, format.get())))
                .exceptionally(failure -> error(toError(unwrap(failure))));
    }

    /**
     * 200 with the result streamed as the client reads it: the head, the first batch (computed
     * before answering, so that an error until then still gets its status), then each further
     * batch pulled from the engine only once the previous has been written. A client that goes
     * away cancels the query; a failure after the head ends the document with an error trailer
     * (JSON) or aborts the response (CSV).
     */
    private HttpResponse respond(ResultStream stream, Optional<Batch> first, ResultFormat format) {
        ResultRenderer renderer = format.renderer(stream.queryId(), stream.columns());
        Source<Batch, NotUsed> batches = first.map(batch -> Source.single(batch).concat(Source.unfoldResourceAsync(
                () -> CompletableFuture.completedFuture(stream), ResultStream::next,
                open -> open.close().thenApply(closed -> Done.getInstance())))).orElse(Source.empty());
        // one stage renders everything in order: it takes the next batch (or the end) only once the
        // previous batch's chunks are all out
        Source<ByteString, NotUsed> body = Source.single(renderer.head())
                .concat(batches.map(Optional::of).concat(Source.single(Optional.empty()))
                        .mapConcat(batch -> batch.isPresent()
                                ? (Iterable<ByteString>) () -> renderer.rows(batch.get())
                                : List.of(renderer.tail(stream.status()))))
                .recoverWithRetries(1, new PFBuilder<Throwable, Graph<SourceShape<ByteString>, NotUsed>>()
                        .matchAny(failure -> trailer(stream, renderer, unwrap(failure)))
                        .build());
        return HttpResponse.create().withStatus(StatusCodes.OK)
                .withEntity(HttpEntities.createChunked(format.contentType(), body));
    }

    /** The error trailer of a result that failed after its head went out, or the failure itself (aborting the response). */
    private Source<ByteString, NotUsed> trailer(ResultStream stream, ResultRenderer renderer, Throwable failure) {
        WireError error = toError(failure);
        LOG.debug("/sql query {} failed after its first rows: {}", stream.queryId(), error.message());
        return renderer.errorTrailer(error).map(Source::single).orElseGet(() -> Source.failed(failure));
    }

    private CompletionStage<ByteString> readBody(HttpRequest request) {
        long declared = request.entity().getContentLengthOption().orElse(-1L);
        if (declared > maxBodyBytes) {
            return CompletableFuture.failedFuture(tooLarge(declared));
        }
        return StrictBody.read(request.entity(), maxBodyBytes, bodyTimeoutMillis, materializer);
    }

    /** The statement the body carries, once the signature and the key's permission (if required) are checked. */
    private String statement(HttpRequest request, ByteString body) {
        Optional<String> accessKey = access.map(a -> a.authenticate(request, body.toArrayUnsafe()));
        String sql = statementText(request, body);
        accessKey.ifPresent(key -> access.get().authorizeStatement(key, sql));
        return sql;
    }

    private static String statementText(HttpRequest request, ByteString body) {
        ContentType type = request.entity().getContentType();
        if (type.mediaType().equals(MediaTypes.APPLICATION_JSON)) {
            return jsonStatement(body);
        }
        boolean text = type.mediaType().isText() || type.equals(ContentTypes.NO_CONTENT_TYPE)
                || type.equals(ContentTypes.APPLICATION_OCTET_STREAM);
        if (!text) {
            throw WireError.of(415, "UnsupportedMediaTypeException", "cannot read statement: Content-Type="
                    + type + " (expected text/plain, or application/json {\"query\": \"...\"}; with curl, send"
                    + " -H 'Content-Type: text/plain' --data-binary @file.sql)").exception();
        }
        Charset charset = type.getCharsetOption().map(c -> c.nioCharset()).orElse(StandardCharsets.UTF_8);
        return body.decodeString(charset);
    }

    private static String jsonStatement(ByteString body) {
        JsonNode json;
        try {
            json = WireJson.MAPPER.readTree(body.toArrayUnsafe());
        } catch (JacksonException e) {
            throw WireError.serialization("cannot read statement: malformed JSON: " + e.getOriginalMessage())
                    .exception();
        } catch (IOException e) {
            throw WireError.serialization("cannot read statement: " + e.getMessage()).exception();
        }
        JsonNode query = json == null ? null : json.get("query");
        if (query == null || !query.isTextual()) {
            throw WireError.serialization("cannot read statement: the JSON body must be an object with a string"
                    + " member \"query\", got " + (json == null || json.isMissingNode() ? "nothing" : json.getNodeType()
                    + (query == null ? " without \"query\"" : " with \"query\" of type " + query.getNodeType())))
                    .exception();
        }
        return query.textValue();
    }

    private WireException tooLarge(long size) {
        return WireError.of(413, WireError.VALIDATION, "cannot read statement: body of " + size
                + " bytes exceeds the limit of " + maxBodyBytes + " bytes (tidemark.http.limits.max-body-bytes)")
                .exception();
    }

    private WireError toError(Throwable failure) {
        if (failure instanceof WireException wire) {
            return wire.error();
        }
        if (failure instanceof EngineException e) {
            if (e.getCause() != null || e.kind() == ErrorKind.INTERNAL) {
                LOG.warn("{} failed: {}", e.kind(), e.getMessage(), e.getCause());
            }
            return WireError.of(e);
        }
        if (failure instanceof TimeoutException) {
            return WireError.of(408, "RequestTimeoutException", "cannot read statement: the body did not arrive"
                    + " within " + bodyTimeoutMillis + " ms (tidemark.http.limits.body-timeout)");
        }
        if (failure instanceof EntityStreamSizeException size) {
            return tooLarge(size.actualSize().getOrElse(() -> maxBodyBytes + 1L)).error();
        }
        LOG.error("cannot answer /sql: internal failure", failure);
        return WireError.internal("cannot run statement: internal failure (" + failure.getClass().getSimpleName()
                + ")");
    }

    /** {@code {"error": {"type": …, "message": …}}} with the error's status, whatever format was asked for. */
    static HttpResponse error(WireError error) {
        ObjectNode body = WireJson.object();
        body.putObject("error").put("type", error.type()).put("message", error.message());
        byte[] bytes;
        try {
            bytes = WireJson.MAPPER.writeValueAsBytes(body);
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot render JSON error", e);
        }
        return HttpResponse.create().withStatus(StatusCodes.get(error.status()))
                .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, bytes));
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
