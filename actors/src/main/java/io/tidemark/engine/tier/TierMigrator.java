package io.tidemark.engine.tier;

import io.tidemark.engine.catalog.TableDescription;
import io.tidemark.engine.shard.FrozenChunks;
import io.tidemark.engine.shard.SeriesChunks;
import io.tidemark.engine.shard.ShardGateway;
import io.tidemark.storage.chunk.SealedChunk;
import io.tidemark.storage.serialization.KryoSerializable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;
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
 * Moves memory-store data past each table's memory retention into magnetic segments; one per
 * cluster, a child of the {@link TierSingleton}.
 *
 * <p>A pass runs every {@code tidemark.engine.tier.migration-interval} and on {@link RunNow}. For
 * each ACTIVE table in the catalog's local view and each of its shards, one at a time: the shard
 * freezes its points older than {@code now - memory retention}
 * ({@link ShardGateway#freezeForMigration}), the tier writes them durably
 * ({@link MagneticTier#write}, on the blocking dispatcher), the other nodes of a cluster read the
 * new segments ({@code othersReloaded}, see {@link MagneticNotices#othersReloaded}), and only then
 * is the shard told to drop them ({@link ShardGateway#commitMigration}). A failing step is logged and skipped; nothing
 * was committed, so the shard still holds the data and the next pass migrates it.
 *
 * <p>An unexpected failure of the actor itself restarts it; requests waiting for the pass it was
 * running get no answer (their ask times out).
 */
public final class TierMigrator extends AbstractBehavior<TierMigrator.Command> {

    public sealed interface Command permits RunNow, Tick, ShardMigrated {
    }

    /** Runs a pass now (after the current one, if one is running) and answers with its summary. */
    public record RunNow(ActorRef<MigrationSummary> replyTo) implements Command {
    }

    /**
     * What a pass did.
     *
     * @param shards shards migrated successfully (including those with nothing to migrate)
     * @param failedShards shards whose migration failed and is retried at the next pass
     * @param chunks chunks moved to the magnetic store
     * @param points points in those chunks
     * @param segments segments written
     */
    public record MigrationSummary(int shards, int failedShards, long chunks, long points, long segments)
            implements KryoSerializable {
    }

    private enum Tick implements Command {
        INSTANCE
    }

    /**
     * A shard's migration finished; exactly one of {@code moved} and {@code failure} is non-null.
     *
     * @param startedMillis when the step started: the data due then is what it migrated
     */
    private record ShardMigrated(ShardStep step, long startedMillis, MigrationSummary moved, Throwable failure)
            implements Command {
    }

    private record ShardStep(TableDescription table, int shard) {
    }

    private final ShardGateway gateway;
    private final MagneticTier tier;
    private final Supplier<List<TableDescription>> tables;
    private final Clock clock;
    private final Executor blocking;
    private final Passes<ShardStep, MigrationSummary> passes;
    private final MigrationProgress progress;
    private final Function<String, CompletionStage<Void>> othersReloaded;

    /** A migrator on a node nobody else reads the magnetic store from. */
    public static Behavior<Command> create(ShardGateway gateway, MagneticTier tier,
            Supplier<List<TableDescription>> tables, Clock clock, TierSettings settings, MigrationProgress progress) {
        return create(gateway, tier, tables, clock, settings, progress, tableId -> CompletableFuture.completedFuture(null));
    }

    /**
     * @param tables the catalog's local view of the tables, read at the start of every pass
     * @param settings the migration interval
     * @param progress where each shard's outcome is recorded for the node's metrics
     * @param othersReloaded completes when the other nodes read the table's new segments; the
     *     shard drops the migrated points only then
     */
    public static Behavior<Command> create(ShardGateway gateway, MagneticTier tier,
            Supplier<List<TableDescription>> tables, Clock clock, TierSettings settings, MigrationProgress progress,
            Function<String, CompletionStage<Void>> othersReloaded) {
        Behavior<Command> migrator = Behaviors.setup(context -> Behaviors.withTimers(timers -> {
            timers.startTimerWithFixedDelay(Tick.INSTANCE, settings.migrationInterval());
            return new TierMigrator(context, gateway, tier, tables, clock, progress, othersReloaded);
        }));
        return Behaviors.supervise(migrator).onFailure(Exception.class, SupervisorStrategy.restart());
    }

    private TierMigrator(ActorContext<Command> context, ShardGateway gateway, MagneticTier tier,
            Supplier<List<TableDescription>> tables, Clock clock, MigrationProgress progress,
            Function<String, CompletionStage<Void>> othersReloaded) {
        super(context);
        this.progress = progress;
        this.othersReloaded = othersReloaded;
        this.gateway = gateway;
        this.tier = tier;
        this.tables = tables;
        this.clock = clock;
        this.blocking = context.getSystem().dispatchers().lookup(DispatcherSelector.blocking());
        this.passes = new Passes<>(this::plan, new MigrationSummary(0, 0, 0, 0, 0), TierMigrator::add,
                step -> {
                    long startedMillis = clock.millis();
                    context.pipeToSelf(migrate(step),
                            (moved, failure) -> new ShardMigrated(step, startedMillis, moved, failure));
                });
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(RunNow.class, this::onRunNow)
                .onMessageEquals(Tick.INSTANCE, this::onTick)
                .onMessage(ShardMigrated.class, this::onShardMigrated)
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

    private Behavior<Command> onShardMigrated(ShardMigrated result) {
        if (result.failure() != null) {
            getContext().getLog().warn("Tier migration failed; the shard keeps its data and the next pass retries: "
                    + "tableId={}, shard={}", result.step().table().tableId(), result.step().shard(), result.failure());
            progress.shardFailed();
            passes.stepDone(new MigrationSummary(0, 1, 0, 0, 0));
        } else {
            TableDescription table = result.step().table();
            progress.shardMigrated(table.tableId(), result.step().shard(), table.shardCount(), result.startedMillis(),
                    result.moved().points());
            passes.stepDone(result.moved());
        }
        return this;
    }

    /** Every shard of every active table, one step each. */
    private List<ShardStep> plan() {
        List<ShardStep> steps = new ArrayList<>();
        for (TableDescription table : TableViews.active(tables, getContext().getLog())) {
            for (int shard = 0; shard < table.shardCount(); shard++) {
                steps.add(new ShardStep(table, shard));
            }
        }
        return steps;
    }

    /**
     * Freeze, write, let the other nodes read it, then commit: the commit is chained after the write
     * and never runs without it.
     */
    private CompletionStage<MigrationSummary> migrate(ShardStep step) {
        String tableId = step.table().tableId();
        CompletionStage<FrozenChunks> freeze;
        try {
            long cutoff = RetentionBounds.memoryCutoffNanos(clock, step.table().retention());
            freeze = gateway.freezeForMigration(tableId, step.shard(), cutoff);
        } catch (RuntimeException e) {
            freeze = CompletableFuture.failedFuture(e);
        }
        return freeze
                .thenApplyAsync(frozen -> write(tableId, frozen), blocking)
                .thenCompose(moved -> moved.summary().segments() == 0 ? CompletableFuture.completedFuture(moved)
                        : othersReloaded.apply(tableId).thenApply(reloaded -> moved))
                .thenCompose(moved -> gateway.commitMigration(tableId, step.shard(), moved.migrationId())
                        .thenApply(done -> moved.summary()));
    }

    /** A frozen set written to segments. */
    private record Written(long migrationId, MigrationSummary summary) {
    }

    private Written write(String tableId, FrozenChunks frozen) {
        long chunks = 0;
        long points = 0;
        for (SeriesChunks series : frozen.series()) {
            chunks += series.chunks().size();
            for (SealedChunk chunk : series.chunks()) {
                points += chunk.count();
            }
        }
        try {
            int segments = tier.write(tableId, frozen.series());
            return new Written(frozen.migrationId(), new MigrationSummary(1, 0, chunks, points, segments));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MigrationSummary add(MigrationSummary a, MigrationSummary b) {
        return new MigrationSummary(a.shards() + b.shards(), a.failedShards() + b.failedShards(),
                a.chunks() + b.chunks(), a.points() + b.points(), a.segments() + b.segments());
    }
}
