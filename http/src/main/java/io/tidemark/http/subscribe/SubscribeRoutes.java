package io.tidemark.http.subscribe;

import io.tidemark.engine.ErrorKind;
import io.tidemark.engine.subscription.SubscriptionEvent;
import io.tidemark.engine.subscription.SubscriptionService;
import io.tidemark.http.auth.SigV4Verifier;
import io.tidemark.http.wire.StrictBody;
import io.tidemark.http.wire.WireError;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpRequest;
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
 * {@code auth = sigv4} the upgrade request must be signed like any wire request (empty body).
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
    private final Optional<SigV4Verifier> verifier;
    private final Materializer materializer;

    public SubscribeRoutes(SubscriptionService subscriptions, Optional<SigV4Verifier> verifier,
            Materializer materializer) {
        this.subscriptions = subscriptions;
        this.verifier = verifier;
        this.materializer = materializer;
    }

    public Route route() {
        return path("subscribe", () -> get(() -> extractRequest(request -> {
            Optional<WireError> refused = verifier.flatMap(v -> v.verify(request, new byte[0]));
            if (refused.isPresent()) {
                return complete(refusal(refused.get()));
            }
            return handleWebSocketMessages(connection());
        })));
    }

    /** One subscriber: the client's first text frame subscribes; events flow back as frames. */
    private Flow<Message, Message, NotUsed> connection() {
        Pair<org.apache.pekko.actor.ActorRef, Source<SubscriptionEvent, NotUsed>> events =
                Source.<SubscriptionEvent>actorRef(message -> Optional.empty(), message -> Optional.empty(),
                        EVENT_BUFFER, OverflowStrategy.fail()).preMaterialize(materializer);
        ActorRef<SubscriptionEvent> subscriber = Adapter.toTyped(events.first());
        Source<Message, NotUsed> out = events.second()
                .takeWhile(event -> !event.isFinal(), true)
                .map(event -> {
                    subscriptions.ack(subscriber);
                    return (Message) TextMessage.create(SubscriptionJson.render(event));
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
                subscribe(message, subscriber);
            } else {
                drain(message);
            }
        });
        return Flow.fromSinkAndSourceCoupled(in, out);
    }

    private void subscribe(Message message, ActorRef<SubscriptionEvent> subscriber) {
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
                        subscriptions.subscribe(SubscriptionJson.query(text.getStrictText()), subscriber);
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
