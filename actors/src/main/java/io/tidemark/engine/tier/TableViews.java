package io.tidemark.engine.tier;

import io.tidemark.engine.catalog.TableDescription;
import io.tidemark.engine.catalog.TableStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;

/** Reads the catalog's local view of the tables at the start of a tier pass. */
final class TableViews {

    private TableViews() {
    }

    /**
     * The ACTIVE tables now (a deleting table's data is removed by its deletion, not by the tier
     * passes); none, logged, when the view cannot be read, so the pass ends and the next one retries.
     */
    static List<TableDescription> active(Supplier<List<TableDescription>> tables, Logger log) {
        List<TableDescription> all;
        try {
            all = tables.get();
        } catch (RuntimeException e) {
            log.warn("Cannot read the table list; skipping this pass", e);
            return List.of();
        }
        List<TableDescription> active = new ArrayList<>(all.size());
        for (TableDescription table : all) {
            if (table.status() == TableStatus.ACTIVE) {
                active.add(table);
            }
        }
        return active;
    }
}
