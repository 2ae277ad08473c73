package io.tidemark.engine.query.fragment.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.esotericsoftware.kryo.io.Output;
import com.typesafe.config.ConfigFactory;
import io.tidemark.engine.EngineException;
import io.tidemark.engine.ErrorKind;
import io.tidemark.engine.ManualClock;
import io.tidemark.engine.query.QueryContext;
import io.tidemark.engine.query.expression.EvalContext;
import io.tidemark.engine.query.fragment.ShardFragmentScan;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.engine.shard.ShardGateway;
import io.tidemark.engine.testing.UnusedShardGateway;
import io.tidemark.engine.shard.fragment.FragmentAnswer;
import io.tidemark.engine.shard.fragment.HeldAnswerCommand;
import io.tidemark.sql.type.PrimitiveType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A node's keeper of answers in parts and the querying side's assembly, on one local actor system
 * with a test clock: an output larger than a part comes back as parts that each really serialize
 * within the limit, fetched one at a time in order and joined into exactly the output, nothing
 * held or reserved afterwards; a row too large for a part, a keeper over its memory, a query
 * cancelled or over its memory limit mid-way fail clearly and leave nothing held; and an answer
 * nobody fetches (its querying node died) is dropped once idle for the timeout on the node's clock.
 */
class AnswerHolderTest {

    private static final int PART_BYTES = 4096;
    private static final ManualClock CLOCK = new ManualClock(Instant.parse("2026-05-01T12:00:00Z"));

    private static final AtomicInteger KEEPERS = new AtomicInteger();

    private static ActorTestKit testKit;

    @BeforeAll
    static void start() {
        testKit = ActorTestKit.create("answers", ConfigFactory.parseString(
                "tidemark.engine.query.answer-part-bytes = " + PART_BYTES + "\n"
                        + "tidemark.engine.query.answer-idle-timeout = 30s").withFallback(ConfigFactory.load()));
    }

    @AfterAll
    static void stop() {
        testKit.shutdownTestKit();
    }

    private static AnswerHolder holder(long maxHeldBytes) {
        return AnswerHolder.start(testKit.system(), CLOCK, maxHeldBytes, "answers-" + KEEPERS.incrementAndGet());
    }

    /** {@code rows} rows of a host name, a time and a value; every 7th host null. */
    private static Batch rows(int rows) {
        Object[] hosts = new Object[rows];
        long[] times = new long[rows];
        double[] values = new double[rows];
        for (int r = 0; r < rows; r++) {
            hosts[r] = r % 7 == 0 ? null : "host_" + r;
            times[r] = 1_700_000_000_000_000_000L + r;
            values[r] = r * 0.5;
        }
        return new Batch(List.of(Vector.ofObjects(PrimitiveType.VARCHAR, hosts, rows),
                Vector.ofLongs(PrimitiveType.TIMESTAMP, times, null, rows),
                Vector.ofDoubles(PrimitiveType.DOUBLE, values, null, rows)), rows);
    }

    private static QueryContext context(long memoryLimitBytes) {
        return new QueryContext("q-1", EvalContext.utc(0), System.nanoTime() + TimeUnit.MINUTES.toNanos(5),
                memoryLimitBytes);
    }

    private static int wireBytes(Batch batch) {
        Output out = new Output(1024, -1);
        BatchWire.write(out, batch);
        return out.position();
    }

    @Test
    void anOutputThatFitsOneMessageGoesAsItIs() {
        AnswerHolder answers = holder(1 << 20);
        ShardFragmentScan.Output output = new ShardFragmentScan.Output(rows(10), 99);

        assertThat(answers.answer(output, "table=t, shard=0")).isSameAs(output);
        assertThat(answers.counts().answersInParts()).isZero();
    }

    @Test
    void aLargeOutputComesBackInPartsWithinTheLimitJoinedExactlyAndNothingLeftHeld() throws Exception {
        AnswerHolder answers = holder(1 << 20);
        Batch batch = rows(3000);
        AtomicInteger fetched = new AtomicInteger();
        List<Batch> seen = new ArrayList<>();

        FragmentAnswer first = answers.answer(new ShardFragmentScan.Output(batch, 4321), "table=t, shard=0");

        assertThat(first).isInstanceOf(OutputPart.class);
        OutputPart part = (OutputPart) first;
        seen.add(part.batch());
        assertThat(part.count()).as("parts of about %d bytes", wireBytes(batch)).isGreaterThan(10);
        assertThat(answers.counts().held()).isEqualTo(1);
        QueryContext context = context(1 << 20);
        ShardFragmentScan.Output joined = OutputAssembly.collect(part, gateway(fetched, seen), "t", 0, context,
                () -> false).get(30, TimeUnit.SECONDS);

        BatchRoundTripTest.assertSameBatch(joined.batch(), batch);
        assertThat(joined.bytesScanned()).isEqualTo(4321);
        assertThat(fetched.get()).isEqualTo(part.count() - 1);
        assertThat(seen).allSatisfy(p -> assertThat(wireBytes(p)).isLessThanOrEqualTo(PART_BYTES));
        assertThat(context.reservedMemory()).isZero();
        AnswerHolder.Counts counts = answers.counts();
        assertThat(List.of(counts.held(), counts.heldBytes())).containsExactly(0L, 0L);
        assertThat(counts.partsSent()).isEqualTo(part.count());
        assertThat(answers.expireIdle().toCompletableFuture().get(30, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void aRowLargerThanAPartFailsClearly() {
        AnswerHolder answers = holder(1 << 20);
        Object[] wide = {"x", "y".repeat(PART_BYTES)};
        Batch batch = new Batch(List.of(Vector.ofObjects(PrimitiveType.VARCHAR, wide, 2)), 2);

        assertThatThrownBy(() -> answers.answer(new ShardFragmentScan.Output(batch, 0), "table=t, shard=3"))
                .isInstanceOfSatisfying(EngineException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.VALIDATION))
                .hasMessageContaining("a row is larger than one message")
                .hasMessageContaining("row=1, table=t, shard=3");
        assertThat(answers.counts().held()).isZero();
    }

    @Test
    void aKeeperHoldingTooMuchRefusesAnotherAnswerForARetry() {
        AnswerHolder answers = holder(PART_BYTES * 3L);

        assertThatThrownBy(() -> answers.answer(new ShardFragmentScan.Output(rows(3000), 0), "table=t, shard=0"))
                .isInstanceOfSatisfying(EngineException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.THROTTLING))
                .hasMessageContaining("max=" + PART_BYTES * 3L);
        assertThat(List.of(answers.counts().held(), answers.counts().heldBytes())).containsExactly(0L, 0L);
    }

    @Test
    void aQueryCancelledMidWayReleasesTheRest() throws Exception {
        AnswerHolder answers = holder(1 << 20);
        OutputPart first = (OutputPart) answers.answer(new ShardFragmentScan.Output(rows(3000), 0), "table=t, shard=0");
        QueryContext context = context(1 << 20);
        AtomicInteger fetched = new AtomicInteger();
        ShardGateway cancelling = new UnusedShardGateway() {
            @Override
            public CompletionStage<FragmentAnswer> nextAnswerPart(String tableId, int shard,
                    ActorRef<HeldAnswerCommand> holder, long answerId, int index) {
                context.cancel("the client cancelled it");
                return gateway(fetched, new ArrayList<>()).nextAnswerPart(tableId, shard, holder, answerId, index);
            }
        };

        assertThatThrownBy(() -> OutputAssembly.collect(first, cancelling, "t", 0, context, () -> false)
                .get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasMessageContaining("was cancelled: the client cancelled it");

        assertThat(fetched.get()).isEqualTo(1);
        assertThat(answers.expireIdle().toCompletableFuture().get(30, TimeUnit.SECONDS)).isZero();
        assertThat(List.of(answers.counts().released(), answers.counts().heldBytes())).containsExactly(1L, 0L);
        assertThat(context.reservedMemory()).isZero();
    }

    @Test
    void partsOverTheQuerysMemoryLimitFailItAndReleaseTheRest() throws Exception {
        AnswerHolder answers = holder(1 << 20);
        OutputPart first = (OutputPart) answers.answer(new ShardFragmentScan.Output(rows(3000), 0), "table=t, shard=0");
        QueryContext context = context(PART_BYTES * 4L);

        assertThatThrownBy(() -> OutputAssembly.collect(first, gateway(new AtomicInteger(), new ArrayList<>()), "t",
                0, context, () -> false).get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasMessageContaining("exceeded its memory limit");

        assertThat(answers.expireIdle().toCompletableFuture().get(30, TimeUnit.SECONDS)).isZero();
        assertThat(answers.counts().released()).isEqualTo(1);
        assertThat(context.reservedMemory()).isZero();
    }

    @Test
    void anAnswerNobodyFetchesIsDroppedOnceIdleForTheTimeout() throws Exception {
        AnswerHolder answers = holder(1 << 20);
        OutputPart first = (OutputPart) answers.answer(new ShardFragmentScan.Output(rows(3000), 0), "table=t, shard=0");
        FragmentAnswer second = gateway(new AtomicInteger(), new ArrayList<>())
                .nextAnswerPart("t", 0, first.holder(), first.answerId(), 1).toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        assertThat(((OutputPart) second).index()).isEqualTo(1);

        CLOCK.advance(Duration.ofSeconds(29));
        assertThat(answers.expireIdle().toCompletableFuture().get(30, TimeUnit.SECONDS)).as("not idle long enough")
                .isEqualTo(1);
        CLOCK.advance(Duration.ofSeconds(1));
        assertThat(answers.expireIdle().toCompletableFuture().get(30, TimeUnit.SECONDS)).isZero();

        assertThat(List.of(answers.counts().expired(), answers.counts().held(), answers.counts().heldBytes()))
                .containsExactly(1L, 0L, 0L);
        assertThatThrownBy(() -> gateway(new AtomicInteger(), new ArrayList<>())
                .nextAnswerPart("t", 0, first.holder(), first.answerId(), 2).toCompletableFuture()
                .get(30, TimeUnit.SECONDS)).hasMessageContaining("it is not held here");
    }

    /** Asks the keeper for parts as the shard service does, counting them and collecting their rows. */
    private static ShardGateway gateway(AtomicInteger fetched, List<Batch> seen) {
        return new UnusedShardGateway() {
            @Override
            public CompletionStage<FragmentAnswer> nextAnswerPart(String tableId, int shard,
                    ActorRef<HeldAnswerCommand> holder, long answerId, int index) {
                fetched.incrementAndGet();
                return AskPattern.<HeldAnswerCommand, FragmentAnswer>askWithStatus(holder,
                        replyTo -> new HeldAnswerCommand.NextPart(answerId, index, replyTo), Duration.ofSeconds(10),
                        testKit.system().scheduler()).thenApply(part -> {
                            synchronized (seen) {
                                seen.add(((OutputPart) part).batch());
                            }
                            return part;
                        });
            }
        };
    }
}
