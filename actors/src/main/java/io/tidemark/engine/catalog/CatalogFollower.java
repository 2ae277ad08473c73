package io.tidemark.engine.catalog;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * Keeps one node's {@link CatalogView} current with the catalog singleton, wherever it runs:
 * subscribes through the singleton proxy, applies the full listing of the answer
 * ({@link CatalogView#resync}) and every published {@link TableChange}, and watches the catalog
 * instance that answered. When that instance stops (its node left or crashed and the singleton
 * moved), it subscribes again, and the new instance's listing replaces what was missed meanwhile.
 * A subscription not answered within {@code retry} is sent again (the proxy buffers commands while
 * no singleton is known, so this only covers a lost message).
 *
 * <p>Handles {@link TableChange} and {@link CatalogActor.Subscribed}, so its ref is narrowed to
 * either for the catalog.
 */
final class CatalogFollower {

    private static final Object RESUBSCRIBE = "resubscribe";

    private final ActorContext<Object> context;
    private final TimerScheduler<Object> timers;
    private final ActorRef<CatalogActor.Command> catalog;
    private final CatalogView view;
    private final CompletableFuture<Void> subscribed;
    private final Duration retry;

    private CatalogFollower(ActorContext<Object> context, TimerScheduler<Object> timers,
            ActorRef<CatalogActor.Command> catalog, CatalogView view, CompletableFuture<Void> subscribed,
            Duration retry) {
        this.context = context;
        this.timers = timers;
        this.catalog = catalog;
        this.view = view;
        this.subscribed = subscribed;
        this.retry = retry;
    }

    /**
     * @param catalog the singleton proxy
     * @param subscribed completed on the first answer, once the view holds every table
     */
    static Behavior<Object> create(ActorRef<CatalogActor.Command> catalog, CatalogView view,
            CompletableFuture<Void> subscribed, Duration retry) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers -> {
            CatalogFollower follower = new CatalogFollower(context, timers, catalog, view, subscribed, retry);
            follower.subscribe();
            return follower.behavior();
        }));
    }

    private void subscribe() {
        ActorRef<Object> self = context.getSelf();
        catalog.tell(new CatalogActor.Subscribe(self.narrow(), self.narrow()));
        timers.startSingleTimer(RESUBSCRIBE, RESUBSCRIBE, retry);
    }

    private Behavior<Object> behavior() {
        return Behaviors.receive(Object.class)
                .onMessage(TableChange.class, change -> {
                    view.apply(change);
                    return Behaviors.same();
                })
                .onMessage(CatalogActor.Subscribed.class, answer -> {
                    timers.cancel(RESUBSCRIBE);
                    view.resync(answer.tables(), answer.version());
                    context.watch(answer.catalog());
                    subscribed.complete(null);
                    return Behaviors.same();
                })
                .onMessageEquals(RESUBSCRIBE, () -> {
                    subscribe();
                    return Behaviors.same();
                })
                .onSignal(Terminated.class, terminated -> {
                    context.getLog().info("catalog instance {} stopped; subscribing to its successor",
                            terminated.getRef());
                    subscribe();
                    return Behaviors.same();
                })
                .build();
    }
}
