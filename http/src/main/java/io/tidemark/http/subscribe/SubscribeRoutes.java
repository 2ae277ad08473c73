package io.tidemark.http.subscribe;

import io.tidemark.engine.ErrorKind;
import io.tidemark.engine.subscription.SubscriptionEvent;
import io.tidemark.engine.subscription.SubscriptionService;
import io.tidemark.http.auth.AccessControl;
import io.tidemark.http.wire.StrictBody;
import io.tidemark.http.wire.WireError;
import io.tidemark.http.wire.WireException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.OverflowStrategy;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * {@code GET /subscribe}: a WebSocket on which the client sends one query ({@code {"query":"…"}}
 * or the SQL text itself) and receives the frames {@link SubscriptionJson} describes. Under
 * {@code auth = sigv4} the upgrade request must be signed like any wire request (empty body), and
 * the signing key must be allowed Query on every table the query reads: else the only frame is an
 * AccessDeniedException error and nothing is subscribed.
 *
 * <p>Each connection is one subscriber: an actor-backed source the live query sends events to.
 * An event is acknowledged when the WebSocket stream takes it for sending, so a client that reads
 * slowly holds back acknowledgements, and the live query coalesces its updates and finally closes
 * it (see {@code LiveQuery}); the source's small buffer only ever holds the event in flight and a
 * final frame. After an error or closing frame the server closes the WebSocket; when the client
 * closes it, the subscription ends.
 */
public final class SubscribeRoutes extends AllDirectives {

    /** Events a connection may hold: the one in flight, a final frame, and room to spare. */
    private static final int EVENT_BUFFER = 8;
    /** How long a client may take to send its (streamed) first frame. */
    private static final long FIRST_FRAME_TIMEOUT_MILLIS = 20_000;

    private final SubscriptionService subscriptions;
    private final Optional<AccessControl> access;
    private final Materializer materializer;

    public SubscribeRoutes(SubscriptionService subscriptions, Optional<AccessControl> access,
            Materializer materializer) {
        this.subscriptions = subscriptions;
        this.access = access;
        this.materializer = materializer;
    }

    public Route route() {
        return path("subscribe", () -> get(() -> extractRequest(request -> {
            Optional<String> accessKey;
            try {
                accessKey = access.map(a -> a.authenticate(request, new byte[0]));
            } catch (WireException e) {
                return complete(refusal(e.error()));
            }
            return handleWebSocketMessages(connection(accessKey));
        })));
    }

    /** The last frame of a connection whose query the key may not run (it never subscribes). */
    private record Refused(WireError error) {
    }

    /**
     * One subscriber: the client's first text frame subscribes; events flow back as frames. The
     * frames' source takes the engine's {@link SubscriptionEvent}s and, from this class only, {@link Refused}.
     *
     * @param accessKey the key that signed the upgrade request, under {@code auth = sigv4}
     */
    private Flow<Message, Message, NotUsed> connection(Optional<String> accessKey) {
        Pair<org.apache.pekko.actor.ActorRef, Source<Object, NotUsed>> events =
                Source.<Object>actorRef(message -> Optional.empty(), message -> Optional.empty(),
                        EVENT_BUFFER, OverflowStrategy.fail()).preMaterialize(materializer);
        ActorRef<SubscriptionEvent> subscriber = Adapter.toTyped(events.first());
        Source<Message, NotUsed> out = events.second()
                .takeWhile(event -> event instanceof SubscriptionEvent e && !e.isFinal(), true)
                .map(event -> {
                    if (event instanceof Refused refused) {
                        return (Message) TextMessage.create(SubscriptionJson.error(refused.error()));
                    }
                    subscriptions.ack(subscriber);
                    return (Message) TextMessage.create(SubscriptionJson.render((SubscriptionEvent) event));
                })
                .watchTermination((notUsed, done) -> {
                    // on the completing thread: the stage's plain whenComplete would start a thread per connection
                    StrictBody.onCompletingThread(done)
                            .whenComplete((ok, failure) -> subscriptions.unsubscribe(subscriber));
                    return notUsed;
                });
        AtomicBoolean subscribed = new AtomicBoolean();
        Sink<Message, ?> in = Sink.foreach(message -> {
            if (subscribed.compareAndSet(false, true)) {
                subscribe(message, subscriber, accessKey, events.first());
            } else {
                drain(message);
            }
        });
        return Flow.fromSinkAndSourceCoupled(in, out);
    }

    private void subscribe(Message message, ActorRef<SubscriptionEvent> subscriber, Optional<String> accessKey,
            org.apache.pekko.actor.ActorRef frames) {
        if (!message.isText()) {
            drain(message);
            subscriber.tell(new SubscriptionEvent.Failed(ErrorKind.VALIDATION,
                    "cannot read subscription request: expected a text frame with {\"query\": \"<SQL>\"}, got a binary frame"));
            return;
        }
        // on the thread that collected the frame: the stage's plain whenComplete would start a thread per subscriber
        StrictBody.onCompletingThread(message.asTextMessage().toStrict(FIRST_FRAME_TIMEOUT_MILLIS, materializer))
                .whenComplete((text, failure) -> {
                    if (failure != null) {
                        subscriber.tell(new SubscriptionEvent.Failed(ErrorKind.VALIDATION,
                                "cannot read subscription request: " + failure.getMessage()));
                        return;
                    }
                    try {
                        String sql = SubscriptionJson.query(text.getStrictText());
                        accessKey.ifPresent(key -> access.get().authorizeStatement(key, sql));
                        subscriptions.subscribe(sql, subscriber);
                    } catch (WireException e) {
                        frames.tell(new Refused(e.error()), org.apache.pekko.actor.ActorRef.noSender());
                    } catch (IllegalArgumentException e) {
                        subscriber.tell(new SubscriptionEvent.Failed(ErrorKind.VALIDATION, e.getMessage()));
                    }
                });
    }

    /** Later frames are read and ignored (one query per connection). */
    private void drain(Message message) {
        if (message.isText()) {
            message.asTextMessage().getStreamedText().runWith(Sink.ignore(), materializer);
        } else {
            message.asBinaryMessage().getStreamedData().runWith(Sink.ignore(), materializer);
        }
    }

    private static HttpResponse refusal(WireError error) {
        return HttpResponse.create()
                .withStatus(StatusCodes.get(error.status()))
                .addHeader(RawHeader.create("x-amzn-ErrorType", error.type()))
                .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, error.body().toString()));
    }
}
