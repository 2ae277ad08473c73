package io.tidemark.engine.tier;

import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * When a periodic actor (the tier migrator, the retention janitor) starts a pass and whom it
 * answers at the end. A pass is never started while one runs: a timer tick then is dropped (the
 * next one comes soon), while an explicit request is answered by a fresh pass started right after
 * the current one, so its answer covers everything up to the moment it asked. Used only from
 * inside one actor.
 *
 * @param <S> the summary a pass answers with
 */
final class RunRequests<S> {

    private boolean running;
    private List<ActorRef<S>> current = new ArrayList<>();
    private List<ActorRef<S>> next = new ArrayList<>();

    /** Records a request; true when the caller must start a pass now. */
    boolean request(ActorRef<S> replyTo) {
        if (running) {
            next.add(replyTo);
            return false;
        }
        current.add(replyTo);
        running = true;
        return true;
    }

    /** A timer tick; true when the caller must start a pass now. */
    boolean tick() {
        if (running) {
            return false;
        }
        running = true;
        return true;
    }

    /** Answers the requests the finished pass served; true when the caller must start another pass. */
    boolean finish(S summary) {
        for (ActorRef<S> replyTo : current) {
            replyTo.tell(summary);
        }
        current = next;
        next = new ArrayList<>();
        running = !current.isEmpty();
        return running;
    }
}
