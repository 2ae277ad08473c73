package io.tidemark.engine.shard;

import io.tidemark.storage.model.SeriesKey;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The measure names and dimension values of every series a running shard has held since it
 * started on this node. The shard's actor adds a series when its memory store first holds it (a
 * write, a replayed journal entry, a restored checkpoint), before the write that brought it is
 * acknowledged; a query reads it on its own thread to leave out a shard that cannot hold a wanted
 * series without sending the shard anything ({@link ShardGateway#mayHold}).
 *
 * <p>It only grows while the shard runs (a series dropped from memory, e.g. migrated to the
 * magnetic store, stays listed), so it lists a superset of the shard's memory-store series, and
 * per column rather than per series (an AND of two columns' values held by different series still
 * "may hold"): a false "may hold" costs one ask, a false "cannot" would lose rows.
 */
public final class ShardSeriesValues {

    /** The column a scan's values name the measure name by (as {@code ScanRequest#values()}). */
    static final String MEASURE_NAME = "measure_name";

    /** Column → its values; a dimension absent from a series has no entry for that series. */
    private final Map<String, Set<String>> valuesByColumn = new ConcurrentHashMap<>();

    /** Lists the series' measure name and dimension values. Called on the shard's actor thread only. */
    void add(SeriesKey key) {
        addValue(MEASURE_NAME, key.measureName());
        for (int i = 0; i < key.dimensionCount(); i++) {
            addValue(key.dimension(i).name(), key.dimension(i).value());
        }
    }

    private void addValue(String column, String value) {
        Set<String> values = valuesByColumn.get(column);
        if (values == null) {
            values = valuesByColumn.computeIfAbsent(column, c -> ConcurrentHashMap.newKeySet());
        }
        values.add(value);
    }

    /**
     * False only when no series the shard held can match {@code wanted}: it held no series at all,
     * or for some constrained column (measure_name or a dimension) none of its series took any of
     * the listed values. A series lacking a dimension is null there, which no listed value matches.
     *
     * @param wanted column → the values a scan keeps ({@code ScanRequest#values()}); empty keeps all
     */
    public boolean mayHold(Map<String, Set<String>> wanted) {
        if (valuesByColumn.isEmpty()) {
            return false;
        }
        for (Map.Entry<String, Set<String>> column : wanted.entrySet()) {
            Set<String> held = valuesByColumn.get(column.getKey());
            if (held == null || !anyOf(column.getValue(), held)) {
                return false;
            }
        }
        return true;
    }

    private static boolean anyOf(Set<String> listed, Set<String> held) {
        for (String value : listed) {
            if (held.contains(value)) {
                return true;
            }
        }
        return false;
    }
}
