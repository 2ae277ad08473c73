package io.tidemark.engine.catalog;

import io.tidemark.engine.EngineException;
import io.tidemark.storage.serialization.KryoSerializable;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.SnapshotAdapter;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

/**
 * The catalog: databases, tables, their tags and schemas, event-sourced under the persistence id
 * {@value #PERSISTENCE_ID}. Every command is checked against Timestream's rules
 * ({@link CatalogRules}); a refused one is answered with the {@link EngineException} and changes
 * nothing. Table changes are also pushed to subscribers ({@link Subscribe}) as {@link TableChange}s.
 * It runs as a cluster singleton, one instance in the cluster, persisting through the replicated
 * journal; reach it through {@link CatalogService}.
 */
public final class CatalogActor
        extends EventSourcedBehaviorWithEnforcedReplies<CatalogActor.Command, CatalogEvent, CatalogState> {

    public static final String PERSISTENCE_ID = "catalog";

    /**
     * The catalog's protocol; replies fail with an {@link EngineException}. Commands and replies
     * cross nodes (the catalog is a cluster singleton): Kryo ids 360-399, see
     * {@link CatalogMessageSerializers}.
     */
    public sealed interface Command extends KryoSerializable {}

    public record CreateDatabase(String name, String kmsKeyId, List<Tag> tags,
            ActorRef<StatusReply<DatabaseDescription>> replyTo) implements Command {}

    public record DescribeDatabase(String name, ActorRef<StatusReply<DatabaseDescription>> replyTo) implements Command {}

    public record ListDatabases(String nextToken, Integer maxResults,
            ActorRef<StatusReply<Page<DatabaseDescription>>> replyTo) implements Command {}

    public record UpdateDatabase(String name, String kmsKeyId, ActorRef<StatusReply<DatabaseDescription>> replyTo)
            implements Command {}

    public record DeleteDatabase(String name, ActorRef<StatusReply<Done>> replyTo) implements Command {}

    /** Null retention, magnetic properties or partition keys take Timestream's defaults. */
    public record CreateTable(String database, String table, RetentionProperties retention,
            MagneticStoreWriteProperties magneticStoreWrites, List<PartitionKey> partitionKeys, List<Tag> tags,
            ActorRef<StatusReply<TableChange>> replyTo) implements Command {}

    public record DescribeTable(String database, String table, ActorRef<StatusReply<TableDescription>> replyTo)
            implements Command {}

    /** {@code database} null lists the tables of every database. */
    public record ListTables(String database, String nextToken, Integer maxResults,
            ActorRef<StatusReply<Page<TableDescription>>> replyTo) implements Command {}

    /** Each of retention, magnetic properties and partition keys: null leaves it unchanged. */
    public record UpdateTable(String database, String table, RetentionProperties retention,
            MagneticStoreWriteProperties magneticStoreWrites, List<PartitionKey> partitionKeys,
            ActorRef<StatusReply<TableChange>> replyTo) implements Command {}

    /** Marks the table DELETING; repeating it answers the DELETING table again. */
    public record BeginDeleteTable(String database, String table, ActorRef<StatusReply<TableChange>> replyTo)
            implements Command {}

    /** Forgets a DELETING table once the engine removed its data. */
    public record FinishDeleteTable(String tableId, ActorRef<StatusReply<TableChange>> replyTo) implements Command {}

    public record TagResource(String arn, List<Tag> tags, ActorRef<StatusReply<Done>> replyTo) implements Command {}

    public record UntagResource(String arn, List<String> tagKeys, ActorRef<StatusReply<Done>> replyTo)
            implements Command {}

    /** Answers every tag of the resource as one page (no next token). */
    public record ListTags(String arn, ActorRef<StatusReply<Page<Tag>>> replyTo) implements Command {}

    public record RegisterSchema(String tableId, SchemaDelta delta, ActorRef<StatusReply<TableChange>> replyTo)
            implements Command {}

    /**
     * {@code subscriber} receives every later table change until it stops; {@code replyTo} gets
     * all tables now. Subscribing again with the same subscriber is harmless.
     */
    public record Subscribe(ActorRef<TableChange> subscriber, ActorRef<Subscribed> replyTo) implements Command {}

    /**
     * The answer to {@link Subscribe}: every table (ACTIVE or DELETING) at catalog version
     * {@code version}, and the catalog instance that will publish to the subscriber; when that
     * instance stops (the singleton moved), the subscriber must subscribe again.
     */
    public record Subscribed(ActorRef<Command> catalog, List<TableChange> tables, long version)
            implements KryoSerializable {
        public Subscribed {
            tables = List.copyOf(tables);
        }
    }

    /** Answers the table (ACTIVE or DELETING) as a {@link TableLookup}, never an error. */
    public record LookupTable(String database, String table, ActorRef<TableLookup> replyTo) implements Command {}

    /** @param change the table now; null when the catalog has no such table */
    public record TableLookup(TableChange change) implements KryoSerializable {}

    private static final String TABLES_LISTING = "tables";

    private final CatalogSettings settings;
    private final Clock clock;
    private final ActorContext<Command> context;
    /** Outlives restarts of the behaviour, so subscribers keep hearing after a journal failure. */
    private final Set<ActorRef<TableChange>> subscribers;

    private CatalogActor(CatalogSettings settings, Clock clock, ActorContext<Command> context,
            Set<ActorRef<TableChange>> subscribers) {
        super(PersistenceId.ofUniqueId(PERSISTENCE_ID),
                SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(10), 0.2));
        this.settings = settings;
        this.clock = clock;
        this.context = context;
        this.subscribers = subscribers;
    }

    /**
     * The catalog behaviour. A failed journal write, or a recovery that cannot read the journal,
     * restarts it with backoff (the command that failed gets no answer; its caller times out),
     * after which it recovers from the journal.
     */
    public static Behavior<Command> create(CatalogSettings settings, Clock clock) {
        Set<ActorRef<TableChange>> subscribers = new CopyOnWriteArraySet<>();
        return Behaviors.setup(context -> new CatalogActor(settings, clock, context, subscribers));
    }

    @Override
    public SignalHandler<CatalogState> signalHandler() {
        // A subscriber on a node that left or crashed is forgotten rather than published to forever.
        return newSignalHandlerBuilder()
                .onSignal(Terminated.class, (state, terminated) -> subscribers.remove(terminated.getRef()))
                .build();
    }

    @Override
    public CatalogState emptyState() {
        return new CatalogState(settings.arns());
    }

    @Override
    public RetentionCriteria retentionCriteria() {
        return RetentionCriteria.snapshotEvery(settings.snapshotEvery(), 2);
    }

    @Override
    public SnapshotAdapter<CatalogState> snapshotAdapter() {
        return new SnapshotAdapter<>() {
            @Override
            public Object toJournal(CatalogState state) {
                return state.toSnapshot();
            }

            @Override
            public CatalogState fromJournal(Object from) {
                return CatalogState.fromSnapshot((CatalogSnapshot) from, settings.arns());
            }
        };
    }

    @Override
    public EventHandler<CatalogState, CatalogEvent> eventHandler() {
        return newEventHandlerBuilder().forAnyState().onAnyEvent(CatalogState::apply);
    }

    @Override
    public CommandHandlerWithReply<Command, CatalogEvent, CatalogState> commandHandler() {
        DatabaseCommands databases = new DatabaseCommands(effects(), settings, clock);
        return newCommandHandlerWithReplyBuilder().forAnyState()
                .onCommand(CreateDatabase.class, (s, c) -> guarded(c.replyTo(), () -> databases.create(s, c)))
                .onCommand(DescribeDatabase.class, (s, c) -> guarded(c.replyTo(), () -> databases.describe(s, c)))
                .onCommand(ListDatabases.class, (s, c) -> guarded(c.replyTo(), () -> databases.list(s, c)))
                .onCommand(UpdateDatabase.class, (s, c) -> guarded(c.replyTo(), () -> databases.update(s, c)))
                .onCommand(DeleteDatabase.class, (s, c) -> guarded(c.replyTo(), () -> databases.delete(s, c)))
                .onCommand(CreateTable.class, (s, c) -> guarded(c.replyTo(), () -> onCreateTable(s, c)))
                .onCommand(DescribeTable.class, (s, c) -> guarded(c.replyTo(),
                        () -> Effect().reply(c.replyTo(), StatusReply.success(
                                existingTable(s, c.database(), c.table()).description()))))
                .onCommand(ListTables.class, (s, c) -> guarded(c.replyTo(), () -> onListTables(s, c)))
                .onCommand(UpdateTable.class, (s, c) -> guarded(c.replyTo(), () -> onUpdateTable(s, c)))
                .onCommand(BeginDeleteTable.class, (s, c) -> guarded(c.replyTo(), () -> onBeginDeleteTable(s, c)))
                .onCommand(FinishDeleteTable.class, (s, c) -> guarded(c.replyTo(), () -> onFinishDeleteTable(s, c)))
                .onCommand(TagResource.class, (s, c) -> guarded(c.replyTo(), () -> databases.tag(s, c)))
                .onCommand(UntagResource.class, (s, c) -> guarded(c.replyTo(), () -> databases.untag(s, c)))
                .onCommand(ListTags.class, (s, c) -> guarded(c.replyTo(), () -> databases.listTags(s, c)))
                .onCommand(RegisterSchema.class, (s, c) -> guarded(c.replyTo(), () -> onRegisterSchema(s, c)))
                .onCommand(LookupTable.class, this::onLookupTable)
                .onCommand(Subscribe.class, this::onSubscribe)
                .build();
    }

    /** Runs {@code handler}; an {@link EngineException} it throws becomes the error reply. */
    private <T> ReplyEffect<CatalogEvent, CatalogState> guarded(ActorRef<StatusReply<T>> replyTo,
            Supplier<ReplyEffect<CatalogEvent, CatalogState>> handler) {
        try {
            return handler.get();
        } catch (EngineException e) {
            return Effect().reply(replyTo, StatusReply.error(e));
        }
    }

    private ReplyEffect<CatalogEvent, CatalogState> onCreateTable(CatalogState s, CreateTable c) {
        CatalogRules.requireNewName("TableName", c.table());
        RetentionProperties retention = c.retention() == null ? RetentionProperties.DEFAULT : c.retention();
        CatalogRules.requireRetention(retention);
        MagneticStoreWriteProperties magnetic = c.magneticStoreWrites() == null
                ? MagneticStoreWriteProperties.DISABLED : c.magneticStoreWrites();
        CatalogRules.requireMagneticWrites(magnetic);
        List<PartitionKey> keys = c.partitionKeys() == null ? List.of(PartitionKey.DEFAULT) : c.partitionKeys();
        CatalogRules.requirePartitionKeys(keys);
        CatalogRules.requireTags(c.tags());
        if (s.database(c.database()) == null) {
            throw EngineException.notFound("cannot create table: database=" + c.database() + " does not exist");
        }
        CatalogState.TableEntry existing = s.table(c.database(), c.table());
        if (existing != null) {
            throw EngineException.conflict("cannot create table: database=" + c.database() + ", table=" + c.table()
                    + " already exists (status " + existing.description().status() + ")");
        }
        if (s.tableCount() >= settings.maxTables()) {
            throw EngineException.quotaExceeded("cannot create table: tables=" + s.tableCount() + " (at most "
                    + settings.maxTables() + ")");
        }
        String tableId = newTableId(s);
        return persistTableChange(new CatalogEvent.TableCreated(c.database(), c.table(), tableId,
                settings.shardsPerTable(), retention, magnetic, keys, c.tags(), clock.millis()), tableId, c.replyTo());
    }

    /**
     * 16 lowercase hex digits from 64 random bits, distinct from every current table. The id of a
     * table deleted earlier comes back with probability (tables ever created) / 2^64 per creation,
     * so in practice an id names one table's data forever.
     */
    private static String newTableId(CatalogState s) {
        while (true) {
            String id = String.format("%016x", ThreadLocalRandom.current().nextLong());
            if (s.tableById(id) == null) {
                return id;
            }
        }
    }

    private ReplyEffect<CatalogEvent, CatalogState> onListTables(CatalogState s, ListTables c) {
        int size = CatalogRules.pageSize(c.maxResults(), settings.defaultPageSize());
        String position = CatalogRules.position(TABLES_LISTING, c.nextToken());
        if (c.database() != null && s.database(c.database()) == null) {
            throw EngineException.notFound("cannot list tables: database=" + c.database() + " does not exist");
        }
        // Position "<db>/<table>": names cannot hold '/', so the split is unambiguous.
        int slash = position == null ? -1 : position.indexOf('/');
        String afterDb = slash < 0 ? null : position.substring(0, slash);
        String afterTable = slash < 0 ? null : position.substring(slash + 1);
        if ((position != null && slash < 0)
                || (c.database() != null && afterDb != null && !afterDb.equals(c.database()))) {
            throw EngineException.validation("cannot list tables: NextToken=" + c.nextToken()
                    + " is not a token of this listing");
        }
        Iterable<String> dbs = c.database() != null ? List.of(c.database())
                : afterDb == null ? s.databases().keySet() : s.databases().tailMap(afterDb, true).keySet();
        List<TableDescription> items = new ArrayList<>(size);
        boolean more = false;
        for (String db : dbs) {
            NavigableMap<String, String> ids = s.tableIds(db);
            if (db.equals(afterDb)) {
                ids = ids.tailMap(afterTable, false);
            }
            for (String id : ids.values()) {
                if (items.size() == size) {
                    more = true;
                    break;
                }
                items.add(s.tableById(id).description());
            }
            if (more) {
                break;
            }
        }
        String next = null;
        if (more) {
            TableDescription last = items.get(items.size() - 1);
            next = CatalogRules.nextToken(TABLES_LISTING, last.databaseName() + "/" + last.tableName());
        }
        return Effect().reply(c.replyTo(), StatusReply.success(new Page<>(items, next)));
    }

    private ReplyEffect<CatalogEvent, CatalogState> onUpdateTable(CatalogState s, UpdateTable c) {
        TableDescription d = activeTable(s, c.database(), c.table(), "update").description();
        RetentionProperties retention = c.retention() == null ? d.retention() : c.retention();
        CatalogRules.requireRetention(retention);
        MagneticStoreWriteProperties magnetic = c.magneticStoreWrites() == null
                ? d.magneticStoreWrites() : c.magneticStoreWrites();
        CatalogRules.requireMagneticWrites(magnetic);
        List<PartitionKey> keys = c.partitionKeys() == null ? d.partitionKeys() : c.partitionKeys();
        CatalogRules.requireSameKeyLayout(d.partitionKeys(), keys);
        if (retention.equals(d.retention()) && magnetic.equals(d.magneticStoreWrites())
                && keys.equals(d.partitionKeys())) {
            return Effect().reply(c.replyTo(), StatusReply.success(s.tableById(d.tableId()).change()));
        }
        long now = clock.millis();
        long floor = d.memoryStoreFloorMillis();
        if (retention.memoryStoreRetentionHours() > d.retention().memoryStoreRetentionHours()) {
            // Data older than the old window may already have left the memory store; the longer
            // window opens only as time passes.
            floor = Math.max(floor, now - d.retention().memoryStoreRetention().toMillis());
        }
        return persistTableChange(new CatalogEvent.TableUpdated(d.tableId(), retention, magnetic, keys, floor, now),
                d.tableId(), c.replyTo());
    }

    private ReplyEffect<CatalogEvent, CatalogState> onBeginDeleteTable(CatalogState s, BeginDeleteTable c) {
        CatalogState.TableEntry t = existingTable(s, c.database(), c.table());
        if (t.description().status() == TableStatus.DELETING) {
            return Effect().reply(c.replyTo(), StatusReply.success(t.change()));
        }
        String tableId = t.description().tableId();
        return persistTableChange(new CatalogEvent.TableDeletionStarted(tableId, clock.millis()), tableId, c.replyTo());
    }

    private ReplyEffect<CatalogEvent, CatalogState> onFinishDeleteTable(CatalogState s, FinishDeleteTable c) {
        CatalogState.TableEntry t = s.tableById(c.tableId());
        if (t == null) {
            throw EngineException.notFound("cannot finish deleting table: tableId=" + c.tableId() + " does not exist");
        }
        if (t.description().status() != TableStatus.DELETING) {
            throw EngineException.conflict("cannot finish deleting table: tableId=" + c.tableId() + ", status="
                    + t.description().status() + " (deletion was not begun)");
        }
        return persistTableChange(new CatalogEvent.TableDeletionFinished(c.tableId()), c.tableId(), c.replyTo());
    }

    private ReplyEffect<CatalogEvent, CatalogState> onRegisterSchema(CatalogState s, RegisterSchema c) {
        CatalogState.TableEntry t = s.tableById(c.tableId());
        if (t == null || t.description().status() != TableStatus.ACTIVE) {
            throw EngineException.notFound("cannot register schema: tableId=" + c.tableId() + " is not an active table");
        }
        SchemaDelta added = SchemaAdditions.of(t.schema(), c.delta());
        if (added.isEmpty()) {
            return Effect().reply(c.replyTo(), StatusReply.success(t.change()));
        }
        return persistTableChange(new CatalogEvent.SchemaExtended(c.tableId(), added), c.tableId(), c.replyTo());
    }

    private ReplyEffect<CatalogEvent, CatalogState> onSubscribe(CatalogState s, Subscribe c) {
        List<TableChange> all = new ArrayList<>(s.tableCount());
        s.tables().forEach(t -> all.add(t.change()));
        return Effect().none().thenRun(x -> {
            if (subscribers.add(c.subscriber())) {
                context.watch(c.subscriber());
            }
        }).thenReply(c.replyTo(), x -> new Subscribed(context.getSelf(), all, s.version()));
    }

    private ReplyEffect<CatalogEvent, CatalogState> onLookupTable(CatalogState s, LookupTable c) {
        CatalogState.TableEntry t = s.database(c.database()) == null ? null : s.table(c.database(), c.table());
        return Effect().reply(c.replyTo(), new TableLookup(t == null ? null : t.change()));
    }

    /** Persists {@code event}, then tells subscribers and {@code replyTo} what the table became. */
    private ReplyEffect<CatalogEvent, CatalogState> persistTableChange(CatalogEvent event, String tableId,
            ActorRef<StatusReply<TableChange>> replyTo) {
        return Effect().persist(event)
                .thenRun(s -> publish(changeOf(s, tableId)))
                .thenReply(replyTo, s -> StatusReply.success(changeOf(s, tableId)));
    }

    private void publish(TableChange change) {
        subscribers.forEach(sub -> sub.tell(change));
    }

    private static TableChange changeOf(CatalogState s, String tableId) {
        CatalogState.TableEntry t = s.tableById(tableId);
        return t == null ? new TableChange(tableId, null, TableSchema.EMPTY, s.version()) : t.change();
    }

    /** The table, ACTIVE or DELETING; NOT_FOUND otherwise. */
    static CatalogState.TableEntry existingTable(CatalogState s, String database, String table) {
        if (s.database(database) == null) {
            throw EngineException.notFound("cannot find table: database=" + database + " does not exist");
        }
        CatalogState.TableEntry t = s.table(database, table);
        if (t == null) {
            throw EngineException.notFound("cannot find table: database=" + database + ", table=" + table
                    + " does not exist");
        }
        return t;
    }

    /** The table if ACTIVE; CONFLICT while it is being deleted. */
    static CatalogState.TableEntry activeTable(CatalogState s, String database, String table, String action) {
        CatalogState.TableEntry t = existingTable(s, database, table);
        if (t.description().status() != TableStatus.ACTIVE) {
            throw EngineException.conflict("cannot " + action + " table: database=" + database + ", table=" + table
                    + ", status=" + t.description().status());
        }
        return t;
    }

    /** Effects for {@link DatabaseCommands}, which cannot reach the protected {@code Effect()}. */
    org.apache.pekko.persistence.typed.javadsl.EffectFactories<CatalogEvent, CatalogState> effects() {
        return Effect();
    }
}
