package io.tidemark.engine.catalog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The catalog actor's state: databases, tables (by id and by name, DELETING ones included),
 * their tags and schemas. Mutable and confined to the actor; what leaves the actor is immutable
 * ({@link CatalogSnapshot}, {@link TableChange}). Every applied event raises {@link #version()},
 * which stamps the entries it touched so views can order the changes they receive.
 */
final class CatalogState {

    /** A database with its tags, in the order they were first set. */
    record DatabaseEntry(String name, String kmsKeyId, Instant creationTime, Instant lastUpdatedTime, List<Tag> tags) {
        DatabaseEntry {
            tags = List.copyOf(tags);
        }
    }

    /** A table with its tags and schema; {@code version} is the state version of its last change. */
    record TableEntry(TableDescription description, List<Tag> tags, TableSchema schema, long version) {
        TableEntry {
            tags = List.copyOf(tags);
        }

        TableChange change() {
            return new TableChange(description.tableId(), description, schema, version);
        }
    }

    private final Arns arns;
    private long version;
    private final NavigableMap<String, DatabaseEntry> databases = new TreeMap<>();
    private final Map<String, TableEntry> tablesById = new HashMap<>();
    /** database → table name → table id. */
    private final Map<String, NavigableMap<String, String>> tableIds = new HashMap<>();

    CatalogState(Arns arns) {
        this.arns = arns;
    }

    long version() {
        return version;
    }

    DatabaseEntry database(String name) {
        return databases.get(name);
    }

    NavigableMap<String, DatabaseEntry> databases() {
        return databases;
    }

    int databaseCount() {
        return databases.size();
    }

    /** Tables of {@code database} by name; empty when the database does not exist. */
    NavigableMap<String, String> tableIds(String database) {
        NavigableMap<String, String> ids = tableIds.get(database);
        return ids == null ? new TreeMap<>() : ids;
    }

    TableEntry table(String database, String table) {
        String id = tableIds(database).get(table);
        return id == null ? null : tablesById.get(id);
    }

    TableEntry tableById(String tableId) {
        return tablesById.get(tableId);
    }

    Collection<TableEntry> tables() {
        return tablesById.values();
    }

    int tableCount() {
        return tablesById.size();
    }

    DatabaseDescription describe(DatabaseEntry db) {
        return new DatabaseDescription(db.name(), arns.database(db.name()), tableIds(db.name()).size(), db.kmsKeyId(),
                db.creationTime(), db.lastUpdatedTime());
    }

    CatalogState apply(CatalogEvent event) {
        version++;
        if (event instanceof CatalogEvent.DatabaseCreated e) {
            Instant at = Instant.ofEpochMilli(e.atMillis());
            databases.put(e.name(), new DatabaseEntry(e.name(), e.kmsKeyId(), at, at, e.tags()));
            tableIds.put(e.name(), new TreeMap<>());
        } else if (event instanceof CatalogEvent.DatabaseKmsKeyUpdated e) {
            DatabaseEntry db = databases.get(e.name());
            databases.put(e.name(), new DatabaseEntry(db.name(), e.kmsKeyId(), db.creationTime(),
                    Instant.ofEpochMilli(e.atMillis()), db.tags()));
        } else if (event instanceof CatalogEvent.DatabaseDeleted e) {
            databases.remove(e.name());
            tableIds.remove(e.name());
        } else if (event instanceof CatalogEvent.TableCreated e) {
            Instant at = Instant.ofEpochMilli(e.atMillis());
            TableDescription d = new TableDescription(e.database(), e.table(), e.tableId(),
                    arns.table(e.database(), e.table()), TableStatus.ACTIVE, e.retention(), e.magneticStoreWrites(),
                    e.partitionKeys(), e.shardCount(), 0, at, at);
            putTable(new TableEntry(d, e.tags(), TableSchema.EMPTY, version));
        } else if (event instanceof CatalogEvent.TableUpdated e) {
            TableEntry t = tablesById.get(e.tableId());
            TableDescription d = t.description();
            putTable(new TableEntry(new TableDescription(d.databaseName(), d.tableName(), d.tableId(), d.arn(),
                    d.status(), e.retention(), e.magneticStoreWrites(), e.partitionKeys(), d.shardCount(),
                    e.memoryStoreFloorMillis(), d.creationTime(), Instant.ofEpochMilli(e.atMillis())),
                    t.tags(), t.schema(), version));
        } else if (event instanceof CatalogEvent.TableDeletionStarted e) {
            TableEntry t = tablesById.get(e.tableId());
            TableDescription d = t.description();
            putTable(new TableEntry(new TableDescription(d.databaseName(), d.tableName(), d.tableId(), d.arn(),
                    TableStatus.DELETING, d.retention(), d.magneticStoreWrites(), d.partitionKeys(), d.shardCount(),
                    d.memoryStoreFloorMillis(), d.creationTime(), Instant.ofEpochMilli(e.atMillis())),
                    List.of(), t.schema(), version));
        } else if (event instanceof CatalogEvent.TableDeletionFinished e) {
            TableEntry t = tablesById.remove(e.tableId());
            tableIds(t.description().databaseName()).remove(t.description().tableName());
        } else if (event instanceof CatalogEvent.ResourceTagged e) {
            setTags(e.database(), e.table(), merge(tags(e.database(), e.table()), e.tags()));
        } else if (event instanceof CatalogEvent.ResourceUntagged e) {
            List<Tag> kept = new ArrayList<>(tags(e.database(), e.table()));
            kept.removeIf(t -> e.keys().contains(t.key()));
            setTags(e.database(), e.table(), kept);
        } else if (event instanceof CatalogEvent.SchemaExtended e) {
            TableEntry t = tablesById.get(e.tableId());
            putTable(new TableEntry(t.description(), t.tags(), SchemaAdditions.extend(t.schema(), e.added()), version));
        } else {
            throw new IllegalArgumentException("cannot apply catalog event: " + event);
        }
        return this;
    }

    /** Tags of a database ({@code table} null) or table that exists. */
    List<Tag> tags(String database, String table) {
        return table == null ? databases.get(database).tags() : table(database, table).tags();
    }

    private void setTags(String database, String table, List<Tag> tags) {
        if (table == null) {
            DatabaseEntry db = databases.get(database);
            databases.put(database, new DatabaseEntry(db.name(), db.kmsKeyId(), db.creationTime(), db.lastUpdatedTime(),
                    tags));
        } else {
            TableEntry t = table(database, table);
            putTable(new TableEntry(t.description(), tags, t.schema(), version));
        }
    }

    /** {@code current} with {@code added}: a key already there keeps its place and takes the new value. */
    static List<Tag> merge(List<Tag> current, List<Tag> added) {
        Map<String, String> byKey = new LinkedHashMap<>();
        current.forEach(t -> byKey.put(t.key(), t.value()));
        added.forEach(t -> byKey.put(t.key(), t.value()));
        List<Tag> merged = new ArrayList<>(byKey.size());
        byKey.forEach((k, v) -> merged.add(new Tag(k, v)));
        return merged;
    }

    private void putTable(TableEntry t) {
        tablesById.put(t.description().tableId(), t);
        tableIds.computeIfAbsent(t.description().databaseName(), db -> new TreeMap<>())
                .put(t.description().tableName(), t.description().tableId());
    }

    CatalogSnapshot toSnapshot() {
        return new CatalogSnapshot(version, List.copyOf(databases.values()), List.copyOf(tablesById.values()));
    }

    static CatalogState fromSnapshot(CatalogSnapshot snapshot, Arns arns) {
        CatalogState state = new CatalogState(arns);
        state.version = snapshot.version();
        for (DatabaseEntry db : snapshot.databases()) {
            state.databases.put(db.name(), db);
            state.tableIds.put(db.name(), new TreeMap<>());
        }
        snapshot.tables().forEach(state::putTable);
        return state;
    }
}
