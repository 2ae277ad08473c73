package io.tidemark.http.wire;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidemark.engine.EngineException;
import io.tidemark.http.auth.AccessControl;
import io.tidemark.http.auth.Action;
import io.tidemark.engine.ErrorKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.HttpCharsets;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.scaladsl.model.EntityStreamSizeException;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.util.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The front door of the Timestream wire API (AWS JSON 1.0): {@code POST /} with
 * {@code X-Amz-Target: Timestream_20181101.<Operation>}. Reads the body within the size limit,
 * verifies the signature and the signing key's permission for the operation's {@link Action} when
 * configured, dispatches to the operation (which gets the parsed JSON,
 * or the raw bytes for a {@link BodyOperation}) and renders
 * its output or Timestream's error. Every failure is answered; none stops the server.
 */
public final class TimestreamRoutes extends AllDirectives {

    public static final String TARGET_PREFIX = "Timestream_20181101.";
    public static final ContentType JSON_1_0 =
            MediaTypes.applicationWithFixedCharset("x-amz-json-1.0", HttpCharsets.UTF_8).toContentType();

    private static final Logger LOG = LoggerFactory.getLogger(TimestreamRoutes.class);
    /** Timestream's status of RejectedRecordsException; not a registered HTTP status. */
    private static final StatusCode REJECTED_RECORDS = StatusCodes.custom(419, "Rejected Records",
            "One or more records have been rejected.", false, true);
    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    /** Bodies up to this size arriving in pieces are joined into an array each thread keeps; larger ones get their own. */
    private static final int MAX_REUSED_BODY_BYTES = 1 << 20;
    private static final ThreadLocal<byte[]> REUSED_BODIES = ThreadLocal.withInitial(() -> new byte[64 * 1024]);

    private final Map<String, Registered> operations = new HashMap<>();
    private final Optional<AccessControl> access;
    private final long maxBodyBytes;
    private final long bodyTimeoutMillis;
    private final Materializer materializer;

    /**
     * @param access present when requests must carry a valid SigV4 signature by a key allowed to make them
     * @param maxBodyBytes longer bodies are refused with 413 before they are parsed
     * @param bodyTimeoutMillis how long a client may take to send its body
     */
    public TimestreamRoutes(List<OperationGroup> groups, Optional<AccessControl> access, long maxBodyBytes,
            long bodyTimeoutMillis, Materializer materializer) {
        for (OperationGroup group : groups) {
            group.operations().forEach((name, op) -> register(name, (body, length, authority) ->
                    op.invoke(new WireRequest(Members.root(WireJson.readBody(body, length)), authority))));
            group.bodyOperations().forEach(this::register);
        }
        this.access = access;
        this.maxBodyBytes = maxBodyBytes;
        this.bodyTimeoutMillis = bodyTimeoutMillis;
        this.materializer = materializer;
    }

    /** An operation and the action a key must be allowed to call it. */
    private record Registered(BodyOperation operation, Action action) {
    }

    private void register(String name, BodyOperation operation) {
        Action action = Action.ofOperation(name).filter(a -> a.operation().equals(name)).orElseThrow(() ->
                new IllegalArgumentException("cannot register operation without its access action: name=" + name
                        + " (add it to io.tidemark.http.auth.Action)"));
        if (operations.put(name, new Registered(operation, action)) != null) {
            throw new IllegalArgumentException("cannot register operation twice: name=" + name);
        }
    }

    public Route route() {
        return pathSingleSlash(() -> post(() -> extractRequest(request -> completeWithFuture(handle(request)))));
    }

    /** Answers one request; the stage always completes normally. */
    public CompletionStage<HttpResponse> handle(HttpRequest request) {
        String requestId = requestId();
        Optional<String> target = request.getHeader("X-Amz-Target").map(HttpHeader::value);
        if (target.isEmpty()) {
            return done(error(requestId, WireError.of(404, WireError.UNKNOWN_OPERATION,
                    "cannot dispatch request: missing header X-Amz-Target (expected " + TARGET_PREFIX
                            + "<Operation>)")));
        }
        Registered operation = target.get().startsWith(TARGET_PREFIX)
                ? operations.get(target.get().substring(TARGET_PREFIX.length())) : null;
        if (operation == null) {
            return done(error(requestId, WireError.of(404, WireError.UNKNOWN_OPERATION,
                    "cannot dispatch request: unknown operation, X-Amz-Target=" + target.get())));
        }
        return readBody(request)
                .thenCompose(body -> invoke(operation, request, body))
                .thenApply(output -> ok(requestId, output))
                .exceptionally(failure -> error(requestId, toWireError(unwrap(failure))));
    }

    private CompletionStage<ByteString> readBody(HttpRequest request) {
        Optional<Long> declared = request.entity().getContentLengthOption().stream().boxed().findFirst();
        if (declared.isPresent() && declared.get() > maxBodyBytes) {
            return CompletableFuture.failedFuture(tooLarge(declared.get()));
        }
        return StrictBody.read(request.entity(), maxBodyBytes, bodyTimeoutMillis, materializer);
    }

    private CompletionStage<ObjectNode> invoke(Registered operation, HttpRequest request, ByteString body) {
        int length = body.size();
        byte[] bytes;
        if (access.isPresent() || body.isCompact() || length > MAX_REUSED_BODY_BYTES) {
            // a compact body is one whole array, handed over without a copy
            bytes = body.toArrayUnsafe();
            access.ifPresent(a -> a.authorizeOperation(request, operation.action(), bytes));
        } else {
            bytes = reusedBody(length);
            body.copyToArray(bytes, 0, length);
        }
        String authority = request.getHeader("Host").map(HttpHeader::value).orElse("localhost");
        return operation.operation().invoke(bytes, length, authority);
    }

    /**
     * This thread's array for a body that arrived in pieces, of at least {@code length} bytes: a
     * body of a hundred records (about 100 KB) would otherwise cost a new array, zeroed, per call.
     * The operation reads the body before it returns, so the next call on the thread may reuse it.
     */
    private static byte[] reusedBody(int length) {
        byte[] bytes = REUSED_BODIES.get();
        if (bytes.length < length) {
            bytes = new byte[Math.max(length, Math.min(MAX_REUSED_BODY_BYTES, bytes.length * 2))];
            REUSED_BODIES.set(bytes);
        }
        return bytes;
    }

    private WireException tooLarge(long size) {
        return WireError.of(413, WireError.VALIDATION, "cannot read request: body of " + size
                + " bytes exceeds the limit of " + maxBodyBytes + " bytes (tidemark.http.limits.max-body-bytes)")
                .exception();
    }

    private WireError toWireError(Throwable failure) {
        if (failure instanceof WireException) {
            return ((WireException) failure).error();
        }
        if (failure instanceof EngineException) {
            EngineException e = (EngineException) failure;
            if (e.getCause() != null || e.kind() == ErrorKind.INTERNAL) {
                LOG.warn("{} failed: {}", e.kind(), e.getMessage(), e.getCause());
            }
            return WireError.of(e);
        }
        if (failure instanceof TimeoutException) {
            return WireError.of(408, "RequestTimeoutException", "cannot read request: the body did not arrive within "
                    + bodyTimeoutMillis + " ms (tidemark.http.limits.body-timeout)");
        }
        if (failure instanceof EntityStreamSizeException) {
            return tooLarge(((EntityStreamSizeException) failure).actualSize().getOrElse(() -> maxBodyBytes + 1L))
                    .error();
        }
        LOG.error("cannot answer request: internal failure", failure);
        return WireError.internal("cannot answer request: internal failure (" + failure.getClass().getSimpleName()
                + ")");
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static HttpResponse ok(String requestId, ObjectNode output) {
        return HttpResponse.create()
                .withStatus(StatusCodes.OK)
                .addHeader(RawHeader.create("x-amzn-RequestId", requestId))
                .withEntity(HttpEntities.create(JSON_1_0, serialize(output)));
    }

    static HttpResponse error(String requestId, WireError error) {
        return HttpResponse.create()
                .withStatus(status(error.status()))
                .addHeader(RawHeader.create("x-amzn-RequestId", requestId))
                .addHeader(RawHeader.create("x-amzn-ErrorType", error.type()))
                .withEntity(HttpEntities.create(JSON_1_0, serialize(error.body())));
    }

    private static StatusCode status(int code) {
        return code == REJECTED_RECORDS.intValue() ? REJECTED_RECORDS : StatusCodes.get(code);
    }

    private static byte[] serialize(ObjectNode node) {
        try {
            return WireJson.MAPPER.writeValueAsBytes(node);
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot render JSON output", e);
        }
    }

    private static CompletionStage<HttpResponse> done(HttpResponse response) {
        return CompletableFuture.completedFuture(response);
    }

    /** 26 upper-case base32 characters, the shape of Timestream's request ids. */
    private static String requestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] id = new char[26];
        for (int i = 0; i < id.length; i++) {
            id[i] = BASE32[random.nextInt(BASE32.length)];
        }
        return new String(id);
    }
}
