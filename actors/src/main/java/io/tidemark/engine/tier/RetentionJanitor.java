package io.tidemark.engine.tier;

import io.tidemark.engine.catalog.TableDescription;
import io.tidemark.storage.serialization.KryoSerializable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Deletes magnetic data past each table's retention and compacts small segments; one per cluster,
 * a child of the {@link TierSingleton}.
 *
 * <p>A pass runs {@code retention-first-delay} after the actor starts (opening every active table's
 * store, so the usage meters count what is on disk), then every {@code retention-interval}
 * (settings under {@code tidemark.engine.tier}), and on {@link RunNow}. For each ACTIVE table in
 * the catalog's local view, one at a time on the blocking dispatcher: expiry = {@code now -
 * (memory retention + magnetic retention)} (the two retentions add up, as in Timestream; see
 * {@link RetentionBounds#expiryNanos}); segments whose points are all before the expiry are
 * deleted whole, and the segments straddling it are rewritten without their expired points
 * ({@link MagneticTier#expire}). This happens at every pass, so no expired point survives a pass.
 * Points that expire between two passes stay on disk until the next one; the engine's scan
 * filters rows by the same expiry, so they are never returned. Then partitions holding several
 * small segments (each migration pass adds one per partition it touches) are merged under the
 * compaction policy ({@link MagneticTier#compact}).
 *
 * <p>Retention is read from the table list at every pass, so a changed retention takes effect at
 * the next pass without a restart. A table whose pass fails is logged and retried at the next pass.
 *
 * <p>An unexpected failure of the actor itself restarts it; requests waiting for the pass it was
 * running get no answer (their ask times out).
 */
public final class RetentionJanitor extends AbstractBehavior<RetentionJanitor.Command> {

    public sealed interface Command permits RunNow, Tick, TableDone {
    }

    /** Runs a pass now (after the current one, if one is running) and answers with its summary. */
    public record RunNow(ActorRef<RetentionSummary> replyTo) implements Command {
    }

    /**
     * What a pass did.
     *
     * @param tables tables processed successfully
     * @param failedTables tables whose pass failed and is retried at the next pass
     * @param segmentsDeleted segments deleted whole because all their points had expired
     * @param segmentsRewritten segments rewritten without their expired points
     * @param segmentsCompacted segments written by compaction
     */
    public record RetentionSummary(int tables, int failedTables, int segmentsDeleted, int segmentsRewritten,
            int segmentsCompacted) implements KryoSerializable {
    }

    private enum Tick implements Command {
        INSTANCE
    }

    /** A table's pass finished; exactly one of {@code done} and {@code failure} is non-null. */
    private record TableDone(String tableId, RetentionSummary done, Throwable failure) implements Command {
    }

    private final MagneticTier tier;
    private final Supplier<List<TableDescription>> tables;
    private final Clock clock;
    private final Executor blocking;
    private final Passes<TableDescription, RetentionSummary> passes;

    /**
     * @param tables the catalog's local view of the tables, read at the start of every pass
     * @param settings the intervals and the compaction policy
     */
    public static Behavior<Command> create(MagneticTier tier, Supplier<List<TableDescription>> tables, Clock clock,
            TierSettings settings) {
        Behavior<Command> janitor = Behaviors.setup(context -> Behaviors.withTimers(timers -> {
            timers.startTimerWithFixedDelay(Tick.INSTANCE, settings.retentionFirstDelay(),
                    settings.retentionInterval());
            return new RetentionJanitor(context, tier, tables, clock);
        }));
        return Behaviors.supervise(janitor).onFailure(Exception.class, SupervisorStrategy.restart());
    }

    private RetentionJanitor(ActorContext<Command> context, MagneticTier tier, Supplier<List<TableDescription>> tables,
            Clock clock) {
        super(context);
        this.tier = tier;
        this.tables = tables;
        this.clock = clock;
        this.blocking = context.getSystem().dispatchers().lookup(DispatcherSelector.blocking());
        this.passes = new Passes<>(() -> TableViews.active(tables, getContext().getLog()),
                new RetentionSummary(0, 0, 0, 0, 0), RetentionJanitor::add,
                table -> context.pipeToSelf(CompletableFuture.supplyAsync(() -> clean(table), blocking),
                        (done, failure) -> new TableDone(table.tableId(), done, failure)));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(RunNow.class, this::onRunNow)
                .onMessageEquals(Tick.INSTANCE, this::onTick)
                .onMessage(TableDone.class, this::onTableDone)
                .build();
    }

    private Behavior<Command> onRunNow(RunNow command) {
        passes.request(command.replyTo());
        return this;
    }

    private Behavior<Command> onTick() {
        passes.tick();
        return this;
    }

    private Behavior<Command> onTableDone(TableDone result) {
        if (result.failure() != null) {
            getContext().getLog().warn("Retention pass failed; the next pass retries: tableId={}", result.tableId(),
                    result.failure());
            passes.stepDone(new RetentionSummary(0, 1, 0, 0, 0));
        } else {
            passes.stepDone(result.done());
        }
        return this;
    }

    private RetentionSummary clean(TableDescription table) {
        try {
            long expiry = RetentionBounds.expiryNanos(clock, table.retention());
            ExpiryResult expired = tier.expire(table.tableId(), expiry);
            int compacted = tier.compact(table.tableId());
            return new RetentionSummary(1, 0, expired.segmentsDeleted(), expired.segmentsRewritten(), compacted);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RetentionSummary add(RetentionSummary a, RetentionSummary b) {
        return new RetentionSummary(a.tables() + b.tables(), a.failedTables() + b.failedTables(),
                a.segmentsDeleted() + b.segmentsDeleted(), a.segmentsRewritten() + b.segmentsRewritten(),
                a.segmentsCompacted() + b.segmentsCompacted());
    }
}
