package io.tidemark.engine.shard.fragment;

import java.util.Objects;

/**
 * One attempt of a query fragment on one shard, as the querying node names it so it can stop the
 * attempt wherever it runs ({@link CancelFragment}) and learn that it started ({@link FragmentStarted}).
 *
 * @param serial the querying node's number of the attempt, unique on that node (a query may scan a
 *     table's shard more than once: self-joins, subqueries)
 * @param attempt 1 for the first attempt, 2 for its retry
 */
public record FragmentId(String queryId, long serial, String tableId, int shard, int attempt) {

    public FragmentId {
        Objects.requireNonNull(queryId, "query id");
        Objects.requireNonNull(tableId, "table id");
    }

    @Override
    public String toString() {
        return "queryId=" + queryId + ", table=" + tableId + ", shard=" + shard + ", attempt=" + attempt + ", serial="
                + serial;
    }
}
