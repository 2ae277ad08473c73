package io.tidemark.engine.query.fragment.remote;

import com.typesafe.config.Config;
import io.tidemark.engine.EngineException;
import io.tidemark.engine.ErrorKind;
import io.tidemark.engine.query.fragment.ShardFragmentScan;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.shard.fragment.FragmentAnswer;
import io.tidemark.engine.shard.fragment.HeldAnswerCommand;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.pattern.StatusReply;

/**
 * A node's keeper of the fragment answers it sends back in parts. A fragment run for another node
 * whose output does not fit one remoting message ({@code partBytes}: by default 3/4 of Artery's
 * {@code maximum-frame-size}; the answer goes to the asker's temporary actor on the ordinary
 * stream, and a larger message would be dropped) is cut into parts on row boundaries
 * ({@link OutputCut}); the shard answers with the first ({@link OutputPart}), and this node keeps
 * the others until the querying node asks for them one at a time, in order
 * ({@link HeldAnswerCommand.NextPart}): one part in flight per answer is the flow control, and each
 * part is dropped once sent. What is held is also dropped when the querying node releases it
 * ({@link HeldAnswerCommand.Release}: its query was cancelled, ran out of time or out of memory)
 * and when nobody asked for it within {@code idleTimeout} (its querying node died), checked on
 * the node's clock every half of it. The bytes held on the node, by all answers together, are
 * bounded by {@code maxHeldBytes} (the node's query memory limit): an answer that would exceed
 * them is refused with THROTTLING, which the querying node retries once.
 *
 * <p>The keeper is one actor per node ({@code /system/fragment-answers}) owning the held parts;
 * the counts are kept beside it, readable from any thread.
 */
public final class AnswerHolder {

    /** What this node's keeper has done, for metrics and tests. */
    public record Counts(long answersInParts, long partsSent, long held, long heldBytes, long released,
            long expired) {
    }

    static final String PART_BYTES = "tidemark.engine.query.answer-part-bytes";
    static final String IDLE_TIMEOUT = "tidemark.engine.query.answer-idle-timeout";
    private static final String FRAME = "pekko.remote.artery.advanced.maximum-frame-size";
    /** Room left in a frame for the envelope: the answer's ids, the holder's and the reply-to's refs. */
    private static final double FRAME_SHARE = 0.75;

    private final ActorSystem<?> system;
    private final ActorRef<HeldAnswerCommand> actor;
    private final long partBytes;
    private final long maxHeldBytes;
    private final AtomicLong nextId = new AtomicLong();
    private final AtomicLong heldBytes = new AtomicLong();
    private final AtomicLong held = new AtomicLong();
    private final LongAdder answersInParts = new LongAdder();
    private final LongAdder partsSent = new LongAdder();
    private final LongAdder released = new LongAdder();
    private final LongAdder expired = new LongAdder();

    private AnswerHolder(ActorSystem<?> system, Clock clock, long partBytes, Duration idleTimeout,
            long maxHeldBytes, String name) {
        if (partBytes < 1024 || idleTimeout.isNegative() || idleTimeout.isZero() || maxHeldBytes < 1) {
            throw new IllegalArgumentException("cannot start the fragment answer keeper: parts of at least 1 KiB,"
                    + " a positive idle timeout and memory limit, partBytes=" + partBytes + ", idleTimeout="
                    + idleTimeout + ", maxHeldBytes=" + maxHeldBytes);
        }
        this.system = system;
        this.partBytes = partBytes;
        this.maxHeldBytes = maxHeldBytes;
        this.actor = system.systemActorOf(keeper(clock, idleTimeout), name, Props.empty());
    }

    /**
     * Starts the node's keeper with the settings of {@code system}'s config ({@value #PART_BYTES},
     * {@value #IDLE_TIMEOUT}).
     *
     * @param clock the node's clock, which the idle timeout is measured on
     * @param maxHeldBytes what all held answers together may take
     */
    public static AnswerHolder start(ActorSystem<?> system, Clock clock, long maxHeldBytes) {
        return start(system, clock, maxHeldBytes, "fragment-answers");
    }

    /** A keeper under another name than the node's (several in one test system). */
    static AnswerHolder start(ActorSystem<?> system, Clock clock, long maxHeldBytes, String name) {
        Config config = system.settings().config();
        return new AnswerHolder(system, clock, partBytes(config), config.getDuration(IDLE_TIMEOUT), maxHeldBytes,
                name);
    }

    /** {@value #PART_BYTES}, or 3/4 of {@value #FRAME} when it is {@code auto}. */
    static long partBytes(Config config) {
        if (config.hasPath(PART_BYTES) && !"auto".equals(config.getString(PART_BYTES))) {
            return config.getBytes(PART_BYTES);
        }
        return (long) (config.getBytes(FRAME) * FRAME_SHARE);
    }

    /** The most bytes one message of an answer carries. */
    public long partBytes() {
        return partBytes;
    }

    /**
     * What a shard sends back for {@code output}, a run for another node: the output itself when it
     * fits one message, else its first part, the others held here.
     *
     * @param where names the fragment in errors, e.g. {@code "table=t1, shard=2, queryId=q"}
     * @throws EngineException VALIDATION when a single row does not fit a message, THROTTLING when
     *     the node holds too many answers' parts already
     */
    public FragmentAnswer answer(ShardFragmentScan.Output output, String where) {
        List<Batch> parts = OutputCut.cut(output.batch(), partBytes, where);
        if (parts.size() == 1) {
            return output;
        }
        long[] sizes = new long[parts.size()];
        long bytes = 0;
        for (int i = 1; i < parts.size(); i++) {
            sizes[i] = BatchWire.estimateBytes(parts.get(i));
            bytes += sizes[i];
        }
        long total = heldBytes.addAndGet(bytes);
        if (total > maxHeldBytes) {
            heldBytes.addAndGet(-bytes);
            throw EngineException.throttling("cannot hold a query fragment's output for the querying node: the"
                    + " answers held here would take " + total + " bytes, max=" + maxHeldBytes + ", " + where);
        }
        long id = nextId.incrementAndGet();
        held.incrementAndGet();
        answersInParts.increment();
        // told before the first part leaves: the asker's NextPart can only arrive after it
        actor.tell(new Hold(id, new ArrayDeque<>(parts.subList(1, parts.size())), sizes, output.bytesScanned()));
        partsSent.increment();
        return new OutputPart(parts.get(0), output.bytesScanned(), id, 0, parts.size(), actor);
    }

    /**
     * Drops the answers nobody asked for within the idle timeout now, as the periodic check does,
     * and answers how many are still held.
     */
    public CompletionStage<Integer> expireIdle() {
        return AskPattern.ask(actor, Sweep::new, Duration.ofSeconds(30), system.scheduler());
    }

    public Counts counts() {
        return new Counts(answersInParts.sum(), partsSent.sum(), held.get(), heldBytes.get(), released.sum(),
                expired.sum());
    }

    /** The parts of one answer still to send. */
    private static final class Held {
        final Deque<Batch> rest;
        final long[] sizes;
        final long bytesScanned;
        final int count;
        int next = 1;
        long lastUsedMillis;

        Held(Deque<Batch> rest, long[] sizes, long bytesScanned, long nowMillis) {
            this.rest = rest;
            this.sizes = sizes;
            this.bytesScanned = bytesScanned;
            this.count = rest.size() + 1;
            this.lastUsedMillis = nowMillis;
        }

        long bytesLeft() {
            long bytes = 0;
            for (int i = next; i < count; i++) {
                bytes += sizes[i];
            }
            return bytes;
        }
    }

    /** The rest of a new answer, from the fragment's run (local only). */
    private record Hold(long answerId, Deque<Batch> rest, long[] sizes, long bytesScanned)
            implements HeldAnswerCommand {
    }

    /** Drop the idle answers; the periodic check has no reply-to (local only). */
    private record Sweep(ActorRef<Integer> replyTo) implements HeldAnswerCommand {
    }

    private Behavior<HeldAnswerCommand> keeper(Clock clock, Duration idleTimeout) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
            timers.startTimerWithFixedDelay(new Sweep(null), idleTimeout.dividedBy(2));
            Map<Long, Held> answers = new HashMap<>();
            return Behaviors.receive(HeldAnswerCommand.class)
                    .onMessage(Hold.class, hold -> {
                        answers.put(hold.answerId(), new Held(hold.rest(), hold.sizes(), hold.bytesScanned(),
                                clock.millis()));
                        return Behaviors.same();
                    })
                    .onMessage(HeldAnswerCommand.NextPart.class, next -> {
                        Held answer = answers.get(next.answerId());
                        if (answer == null || next.index() != answer.next) {
                            next.replyTo().tell(StatusReply.error(new EngineException(ErrorKind.INTERNAL,
                                    "cannot send the next part of a query fragment's answer: it is not held here (its"
                                    + " query ended, or nobody asked for it within " + idleTimeout + "), answerId="
                                    + next.answerId() + ", part=" + next.index()
                                    + (answer == null ? "" : ", expected=" + answer.next))));
                            return Behaviors.same();
                        }
                        int index = answer.next++;
                        Batch part = answer.rest.poll();
                        answer.lastUsedMillis = clock.millis();
                        heldBytes.addAndGet(-answer.sizes[index]);
                        if (answer.rest.isEmpty()) {
                            answers.remove(next.answerId());
                            held.decrementAndGet();
                        }
                        partsSent.increment();
                        next.replyTo().tell(StatusReply.success(new OutputPart(part, answer.bytesScanned,
                                next.answerId(), index, answer.count, ctx.getSelf())));
                        return Behaviors.same();
                    })
                    .onMessage(HeldAnswerCommand.Release.class, release -> {
                        Held answer = answers.remove(release.answerId());
                        if (answer != null) {
                            drop(answer);
                            released.increment();
                        }
                        return Behaviors.same();
                    })
                    .onMessage(Sweep.class, sweep -> {
                        long now = clock.millis();
                        Iterator<Held> it = answers.values().iterator();
                        while (it.hasNext()) {
                            Held answer = it.next();
                            if (now - answer.lastUsedMillis >= idleTimeout.toMillis()) {
                                it.remove();
                                drop(answer);
                                expired.increment();
                            }
                        }
                        if (sweep.replyTo() != null) {
                            sweep.replyTo().tell(answers.size());
                        }
                        return Behaviors.same();
                    })
                    .build();
        }));
    }

    private void drop(Held answer) {
        heldBytes.addAndGet(-answer.bytesLeft());
        held.decrementAndGet();
    }
}
