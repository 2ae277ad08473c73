package io.tidemark.engine.tier;

import io.tidemark.engine.catalog.TableDescription;
import io.tidemark.engine.shard.ShardGateway;
import io.tidemark.engine.tier.RetentionJanitor.RetentionSummary;
import io.tidemark.engine.tier.TierMigrator.MigrationSummary;
import io.tidemark.storage.serialization.KryoSerializable;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.SingletonActor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer of the magnetic root: a Cluster Singleton (named {@value #NAME}, one per cluster,
 * on its oldest node; in a cluster of one, on that node) that runs the {@link TierMigrator} and the
 * {@link RetentionJanitor} as its children and deletes deleted tables' magnetic directories. Both
 * passes live in one singleton rather than two so that they always run on the same node: two
 * singletons may sit on different nodes while they move, and two nodes writing one table
 * directory could pick the same segment id.
 *
 * <p>When it starts on a node it makes that node's {@link MagneticTier} the writer
 * ({@link MagneticTier#takeOverWrites}), after the previous incarnation stopped (the singleton
 * guarantee), so each table's next change starts from what is on disk. Every node reaches it
 * through {@link #init}'s proxy; its messages and replies cross nodes with Kryo (ids 503-507).
 */
public final class TierSingleton {

    /** The singleton's name; equal on every node. */
    public static final String NAME = "magnetic-writer";

    private static final Logger LOG = LoggerFactory.getLogger(TierSingleton.class);

    public sealed interface Command extends KryoSerializable permits MigrateNow, ExpireNow, DeleteTable {
    }

    /** Runs a migration pass now (after the current one) and answers with its summary. */
    public record MigrateNow(ActorRef<MigrationSummary> replyTo) implements Command {
    }

    /** Runs a retention pass now (after the current one) and answers with its summary. */
    public record ExpireNow(ActorRef<RetentionSummary> replyTo) implements Command {
    }

    /** Deletes a table's magnetic directory (the table is being deleted) and answers when it is gone. */
    public record DeleteTable(String tableId, ActorRef<TableDeleted> replyTo) implements Command {
    }

    /**
     * The answer to {@link DeleteTable}.
     *
     * @param failure why the directory could not be deleted; empty when it was
     */
    public record TableDeleted(String tableId, String failure) implements KryoSerializable {

        public boolean succeeded() {
            return failure.isEmpty();
        }
    }

    private TierSingleton() {
    }

    /**
     * Starts the singleton's manager on this node (every node calls it) and returns the proxy to
     * wherever the singleton runs. The arguments are this node's: they are used when the singleton
     * runs here.
     *
     * @param tables the catalog's local view of the tables
     * @param progress where this node records migrations while the singleton runs here
     * @param notices this node's end of the magnetic notices: the migrator waits for the other nodes to reload
     */
    public static ActorRef<Command> init(ActorSystem<?> system, ShardGateway gateway, MagneticTier tier,
            Supplier<List<TableDescription>> tables, Clock clock, TierSettings settings, MigrationProgress progress,
            MagneticNotices notices) {
        return ClusterSingleton.get(system).init(SingletonActor.of(
                create(gateway, tier, tables, clock, settings, progress, notices), NAME));
    }

    static Behavior<Command> create(ShardGateway gateway, MagneticTier tier, Supplier<List<TableDescription>> tables,
            Clock clock, TierSettings settings, MigrationProgress progress, MagneticNotices notices) {
        Behavior<Command> singleton = Behaviors.setup(context -> {
            tier.takeOverWrites();
            LOG.info("This node now writes the magnetic store: node={}", context.getSystem().address());
            ActorRef<TierMigrator.Command> migrator = context.spawn(
                    TierMigrator.create(gateway, tier, tables, clock, settings, progress, notices::othersReloaded),
                    "tier-migrator");
            ActorRef<RetentionJanitor.Command> janitor = context.spawn(
                    RetentionJanitor.create(tier, tables, clock, settings), "retention-janitor");
            Executor blocking = context.getSystem().dispatchers().lookup(DispatcherSelector.blocking());
            return Behaviors.receive(Command.class)
                    .onMessage(MigrateNow.class, run -> {
                        migrator.tell(new TierMigrator.RunNow(run.replyTo()));
                        return Behaviors.same();
                    })
                    .onMessage(ExpireNow.class, run -> {
                        janitor.tell(new RetentionJanitor.RunNow(run.replyTo()));
                        return Behaviors.same();
                    })
                    .onMessage(DeleteTable.class, delete -> {
                        CompletableFuture.runAsync(() -> deleteTable(tier, progress, delete), blocking);
                        return Behaviors.same();
                    })
                    .onSignal(PostStop.class, stopped -> {
                        tier.stopWriting();
                        return Behaviors.same();
                    })
                    .build();
        });
        return Behaviors.supervise(singleton).onFailure(Exception.class, SupervisorStrategy.restart());
    }

    private static void deleteTable(MagneticTier tier, MigrationProgress progress, DeleteTable delete) {
        String failure = "";
        try {
            tier.deleteTable(delete.tableId());
            progress.forget(delete.tableId());
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot delete the magnetic store of a deleted table: tableId={}", delete.tableId(), e);
            failure = e.toString();
        }
        delete.replyTo().tell(new TableDeleted(delete.tableId(), failure));
    }
}
