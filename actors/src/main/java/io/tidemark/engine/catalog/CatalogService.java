package io.tidemark.engine.catalog;

import io.tidemark.engine.EngineException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.SingletonActor;
import org.apache.pekko.pattern.StatusReply;

/**
 * The engine's entry to the catalog: Timestream's database, table and tag operations, plus a
 * local view of the tables for the write and query paths. Failures complete the stage with the
 * {@link EngineException} the catalog answered (INTERNAL when it did not answer in
 * {@code tidemark.engine.ask-timeout}).
 *
 * <p>The catalog actor is a cluster singleton; every node runs a {@code CatalogService} talking
 * to it through the singleton proxy, with its own view. The view is current with every change this
 * service made (each reply updates it before the stage completes) and every change the catalog
 * published since {@link #ready()}; changes made through other nodes arrive as publications, and
 * a table not yet heard of is asked of the catalog ({@link #table}).
 */
public final class CatalogService {

    /** The singleton's name, the same on every node. */
    static final String SINGLETON_NAME = "catalog";
    /** The catalog's own threads (see {@link #table}). */
    private static final String DISPATCHER = "tidemark.engine.catalog.dispatcher";

    private final ActorSystem<?> system;
    private final ActorRef<CatalogActor.Command> catalog;
    private final Duration timeout;
    private final CatalogView view = new CatalogView();
    private final CompletableFuture<Void> ready = new CompletableFuture<>();

    private CatalogService(ActorSystem<?> system, ActorRef<CatalogActor.Command> catalog, Duration timeout) {
        this.system = system;
        this.catalog = catalog;
        this.timeout = timeout;
    }

    /**
     * Starts this node's part of the catalog: the catalog actor as a cluster singleton (it runs on
     * the oldest member, in a cluster of one too), and the follower keeping this node's view
     * current. The singleton starts once this node is Up, so the cluster must be joined.
     */
    public static CatalogService start(ActorSystem<?> system, Clock clock) {
        CatalogSettings settings = CatalogSettings.from(system.settings().config());
        ActorRef<CatalogActor.Command> catalog = ClusterSingleton.get(system)
                .init(SingletonActor.of(CatalogActor.create(settings, clock), SINGLETON_NAME)
                        .withProps(DispatcherSelector.fromConfig(DISPATCHER)));
        CatalogService service = new CatalogService(system, catalog, settings.askTimeout());
        system.systemActorOf(CatalogFollower.create(catalog, service.view, service.ready, settings.askTimeout()),
                "catalog-view", Props.empty());
        return service;
    }

    /**
     * Completes once the catalog singleton has answered (it has recovered) and this node's view
     * holds every table; never fails by itself (the follower keeps asking), so callers bound the wait.
     */
    public CompletionStage<Void> ready() {
        return ready;
    }

    public CompletionStage<DatabaseDescription> createDatabase(String name, String kmsKeyId, List<Tag> tags) {
        return ask(r -> new CatalogActor.CreateDatabase(name, kmsKeyId, orEmpty(tags), r), Function.identity());
    }

    public CompletionStage<DatabaseDescription> describeDatabase(String name) {
        return ask(r -> new CatalogActor.DescribeDatabase(name, r), Function.identity());
    }

    public CompletionStage<Page<DatabaseDescription>> listDatabases(String nextToken, Integer maxResults) {
        return ask(r -> new CatalogActor.ListDatabases(nextToken, maxResults, r), Function.identity());
    }

    public CompletionStage<DatabaseDescription> updateDatabase(String name, String kmsKeyId) {
        return ask(r -> new CatalogActor.UpdateDatabase(name, kmsKeyId, r), Function.identity());
    }

    public CompletionStage<Void> deleteDatabase(String name) {
        return ask(r -> new CatalogActor.DeleteDatabase(name, r), (Done done) -> null);
    }

    public CompletionStage<TableDescription> createTable(String db, String table, RetentionProperties retention,
            MagneticStoreWriteProperties magneticStoreWrites, List<PartitionKey> partitionKeys, List<Tag> tags) {
        return askTable(r -> new CatalogActor.CreateTable(db, table, retention, magneticStoreWrites, partitionKeys,
                orEmpty(tags), r), TableChange::description);
    }

    public CompletionStage<TableDescription> describeTable(String db, String table) {
        return ask(r -> new CatalogActor.DescribeTable(db, table, r), Function.identity());
    }

    public CompletionStage<Page<TableDescription>> listTables(String db, String nextToken, Integer maxResults) {
        return ask(r -> new CatalogActor.ListTables(db, nextToken, maxResults, r), Function.identity());
    }

    public CompletionStage<TableDescription> updateTable(String db, String table, RetentionProperties retention,
            MagneticStoreWriteProperties magneticStoreWrites, List<PartitionKey> partitionKeys) {
        return askTable(r -> new CatalogActor.UpdateTable(db, table, retention, magneticStoreWrites, partitionKeys, r),
                TableChange::description);
    }

    public CompletionStage<TableDescription> beginDeleteTable(String db, String table) {
        return askTable(r -> new CatalogActor.BeginDeleteTable(db, table, r), TableChange::description);
    }

    public CompletionStage<Void> finishDeleteTable(String tableId) {
        return askTable(r -> new CatalogActor.FinishDeleteTable(tableId, r), change -> null);
    }

    public CompletionStage<Void> tagResource(String arn, List<Tag> tags) {
        return ask(r -> new CatalogActor.TagResource(arn, orEmpty(tags), r), (Done done) -> null);
    }

    public CompletionStage<Void> untagResource(String arn, List<String> tagKeys) {
        return ask(r -> new CatalogActor.UntagResource(arn, orEmpty(tagKeys), r), (Done done) -> null);
    }

    public CompletionStage<List<Tag>> listTags(String arn) {
        return ask(r -> new CatalogActor.ListTags(arn, r), (Page<Tag> page) -> page.items());
    }

    /** Adds the new names of {@code delta} that fit (see {@link SchemaAdditions}); returns the table's schema. */
    public CompletionStage<TableSchema> registerSchema(String tableId, SchemaDelta delta) {
        return askTable(r -> new CatalogActor.RegisterSchema(tableId, delta, r), TableChange::schema);
    }

    /**
     * The table, ACTIVE or DELETING, from the local view. A table the view does not hold is asked
     * of the catalog before answering empty (it may have been created through another node a moment
     * ago and its publication not have arrived yet): this blocks the caller for one round trip to
     * the singleton, at most the ask timeout, after which it fails with INTERNAL.
     */
    public Optional<TableDescription> table(String db, String table) {
        Optional<TableDescription> held = view.table(db, table);
        return held.isPresent() ? held : lookUp(db, table);
    }

    private Optional<TableDescription> lookUp(String db, String table) {
        CatalogActor.TableLookup found;
        try {
            found = AskPattern.<CatalogActor.Command, CatalogActor.TableLookup>ask(catalog,
                            r -> new CatalogActor.LookupTable(db, table, r), timeout, system.scheduler())
                    .toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw EngineException.internal("cannot look up table: interrupted, database=" + db + ", table=" + table, e);
        } catch (ExecutionException | TimeoutException e) {
            throw EngineException.internal("cannot look up table: the catalog did not answer, database=" + db
                    + ", table=" + table, e);
        }
        if (found.change() == null) {
            return Optional.empty();
        }
        view.apply(found.change());
        return Optional.ofNullable(found.change().description());
    }

    /** The table's schema from the local view; {@link TableSchema#EMPTY} for an unknown table. */
    public TableSchema schema(String tableId) {
        return view.schema(tableId);
    }

    /** Every table of the local view, in no particular order, whatever its status. */
    public List<TableDescription> tables() {
        return view.tables();
    }

    /** Asks for a table change and applies it to the view before the stage completes. */
    private <R> CompletionStage<R> askTable(Function<ActorRef<StatusReply<TableChange>>, CatalogActor.Command> command,
            Function<TableChange, R> result) {
        return ask(command, change -> {
            view.apply(change);
            return result.apply(change);
        });
    }

    /**
     * Asks the catalog and completes with {@code result} of its answer, or exceptionally with the
     * EngineException itself (not wrapped), INTERNAL when the catalog did not answer.
     */
    private <T, R> CompletionStage<R> ask(Function<ActorRef<StatusReply<T>>, CatalogActor.Command> command,
            Function<T, R> result) {
        CompletableFuture<R> answer = new CompletableFuture<>();
        // on the actor system's dispatcher, not in the catalog actor's turn: the ask's stage runs a plain
        // whenComplete on the JDK's async executor, a new thread per call on a machine of fewer than three cores
        AskPattern.askWithStatus(catalog, command::apply, timeout, system.scheduler()).whenCompleteAsync(
                (value, failure) -> {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause == null) {
                answer.complete(result.apply(value));
            } else if (cause instanceof EngineException e) {
                answer.completeExceptionally(e);
            } else {
                answer.completeExceptionally(EngineException.internal("cannot reach the catalog: " + cause, cause));
            }
        }, system.executionContext());
        return answer;
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
