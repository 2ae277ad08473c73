package io.tidemark.engine.query.operator;

import io.tidemark.engine.query.vector.Vector;

/** The open-addressing table behind a {@link GroupByHash}, one implementation per key shape. */
interface GroupTable {

    /** The group id of each row {@code 0..rowCount}; absent keys get a new id when {@code add}, else -1. */
    int[] assign(Vector[] keys, int rowCount, boolean add);

    int groupCount();

    /** The distinct keys in group-id order, one vector per key column. */
    Vector[] keys();

    /** Bytes the table and its stored keys hold, estimated. */
    long estimatedBytes();
}
