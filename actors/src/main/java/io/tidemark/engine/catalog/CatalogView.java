package io.tidemark.engine.catalog;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This node's copy of the catalog's tables, read without an actor round trip. Fed with
 * {@link TableChange}s from the catalog's replies and its publications, which may arrive in any
 * order: a change older than what the view holds is ignored, and a removed table id stays removed
 * (ids are never reused). A full listing ({@link #resync}) also removes the tables it lacks.
 * Reads are lock-free; changes are applied one at a time.
 */
final class CatalogView {

    private final Map<String, TableChange> byId = new ConcurrentHashMap<>();
    /** "database/table" → table id; names cannot hold '/'. */
    private final Map<String, String> idsByName = new ConcurrentHashMap<>();
    private final Set<String> removed = ConcurrentHashMap.newKeySet();

    synchronized void apply(TableChange change) {
        if (removed.contains(change.tableId())) {
            return;
        }
        TableChange held = byId.get(change.tableId());
        if (held != null && held.version() >= change.version()) {
            return;
        }
        if (change.removed()) {
            remove(change.tableId(), held);
            return;
        }
        byId.put(change.tableId(), change);
        idsByName.put(key(change.description()), change.tableId());
    }

    /**
     * Brings the view to the catalog's full listing {@code all}, taken at catalog version
     * {@code version} (after a subscription, which may follow a move of the catalog to another
     * node, while changes were missed): a table the listing lacks is gone, unless the view learned
     * of it from a change newer than the listing.
     */
    synchronized void resync(List<TableChange> all, long version) {
        Set<String> listed = new HashSet<>(all.size() * 2);
        for (TableChange change : all) {
            listed.add(change.tableId());
            apply(change);
        }
        for (TableChange held : List.copyOf(byId.values())) {
            if (!listed.contains(held.tableId()) && held.version() <= version) {
                remove(held.tableId(), held);
            }
        }
    }

    private void remove(String tableId, TableChange held) {
        removed.add(tableId);
        byId.remove(tableId);
        if (held != null) {
            idsByName.remove(key(held.description()), tableId);
        }
    }

    Optional<TableDescription> table(String database, String table) {
        String id = idsByName.get(database + "/" + table);
        TableChange c = id == null ? null : byId.get(id);
        return c == null ? Optional.empty() : Optional.of(c.description());
    }

    TableSchema schema(String tableId) {
        TableChange c = byId.get(tableId);
        return c == null ? TableSchema.EMPTY : c.schema();
    }

    List<TableDescription> tables() {
        List<TableDescription> all = new ArrayList<>(byId.size());
        byId.values().forEach(c -> all.add(c.description()));
        return all;
    }

    private static String key(TableDescription d) {
        return d.databaseName() + "/" + d.tableName();
    }
}
