package io.tidemark.engine.tier;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The pass loop both tier actors run: a pass plans its steps (tables or shards), runs them one at
 * a time, adds up their summaries, and answers the requests it served ({@link RunRequests} decides
 * when passes start). Used only from inside one actor: {@code startStep} starts a step's work and
 * the actor calls {@link #stepDone} when its result comes back.
 *
 * @param <T> a step of a pass
 * @param <S> the summary of a step and of a pass
 */
final class Passes<T, S> {

    private final RunRequests<S> requests = new RunRequests<>();
    private final Deque<T> steps = new ArrayDeque<>();
    private final Supplier<List<T>> plan;
    private final S empty;
    private final BinaryOperator<S> add;
    private final Consumer<T> startStep;
    private S progress;

    /**
     * @param plan the steps of a pass, asked at the start of each pass
     * @param empty the summary of a pass with no steps
     * @param add adds a step's summary to the pass's
     * @param startStep starts the work of a step; its result must come back through {@link #stepDone}
     */
    Passes(Supplier<List<T>> plan, S empty, BinaryOperator<S> add, Consumer<T> startStep) {
        this.plan = plan;
        this.empty = empty;
        this.add = add;
        this.startStep = startStep;
    }

    /** An explicit request: answered by a pass that starts now or right after the running one. */
    void request(ActorRef<S> replyTo) {
        if (requests.request(replyTo)) {
            startPass();
        }
    }

    /** A timer tick: starts a pass unless one is running. */
    void tick() {
        if (requests.tick()) {
            startPass();
        }
    }

    /** The running step finished with {@code summary}; the next step starts, or the pass ends. */
    void stepDone(S summary) {
        progress = add.apply(progress, summary);
        nextStep();
    }

    private void startPass() {
        progress = empty;
        steps.addAll(plan.get());
        nextStep();
    }

    private void nextStep() {
        T step = steps.poll();
        if (step != null) {
            startStep.accept(step);
        } else if (requests.finish(progress)) {
            startPass();
        }
    }
}
