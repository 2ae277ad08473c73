package io.tidemark.engine.query.operator;

import io.tidemark.engine.query.QueryContext;
import io.tidemark.engine.query.vector.Storage;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.sql.type.SqlType;
import java.util.Arrays;
import java.util.List;

/**
 * Maps multi-column keys to dense group ids {@code 0..groupCount()} in order of first appearance:
 * the hot path of GROUP BY, and the hash table of joins, DISTINCT and the set operations. Keys
 * compare as IS NOT DISTINCT FROM (null is one group; doubles group {@code -0.0} with {@code 0.0}
 * and NaN with NaN, as {@link io.tidemark.engine.query.vector.Values} orders them). One bigint-like,
 * double or boolean key takes a primitive table ({@link PrimitiveGroupTable}), one varchar key a
 * string table ({@link VarcharGroupTable}); anything else the general column-by-column one
 * ({@link MultiKeyGroupTable}); no key at all is the single group of a global aggregation. Memory is reserved with the query as the table grows; {@link #close()}
 * returns it.
 */
public final class GroupByHash implements AutoCloseable {

    private final List<SqlType> keyTypes;
    private final GroupTable table;
    private final MemoryReservation memory;
    private final QueryContext context;
    /** Whether the keyless hash has seen a row (its only group exists then). */
    private boolean keylessGroupSeen;

    public GroupByHash(List<SqlType> keyTypes, int expectedGroups, QueryContext context) {
        this.keyTypes = List.copyOf(keyTypes);
        this.context = context;
        this.memory = new MemoryReservation(context);
        int expected = Math.max(0, expectedGroups);
        if (this.keyTypes.isEmpty()) {
            table = null;
        } else if (this.keyTypes.size() == 1 && Storage.of(this.keyTypes.get(0)) != Storage.OBJECT) {
            table = new PrimitiveGroupTable(this.keyTypes.get(0), expected);
        } else if (this.keyTypes.size() == 1 && this.keyTypes.get(0) == PrimitiveType.VARCHAR) {
            table = new VarcharGroupTable(this.keyTypes.get(0), expected);
        } else {
            table = new MultiKeyGroupTable(this.keyTypes, expected);
        }
        reserve();
    }

    public List<SqlType> keyTypes() {
        return keyTypes;
    }

    /** The group id of each row, adding groups for new keys; the result has length {@code >= rowCount}. */
    public int[] groupIds(Vector[] keys, int rowCount) {
        return assign(keys, rowCount, true);
    }

    /** The group id of each row, or -1 where the key is absent; adds nothing. */
    public int[] lookup(Vector[] keys, int rowCount) {
        return assign(keys, rowCount, false);
    }

    private int[] assign(Vector[] keys, int rowCount, boolean add) {
        context.checkRunning();
        if (keys.length != keyTypes.size()) {
            throw new IllegalArgumentException("cannot hash keys: expected " + keyTypes.size() + " key columns, got " + keys.length);
        }
        if (table == null) {
            keylessGroupSeen |= add && rowCount > 0;
            int[] ids = new int[rowCount];
            if (!keylessGroupSeen) {
                Arrays.fill(ids, -1);
            }
            return ids;
        }
        int[] ids = table.assign(checkStorage(keys, rowCount), rowCount, add);
        if (add) {
            reserve();
        }
        return ids;
    }

    /** The keys as the table reads them: a column of bare NULLs (type unknown) becomes nulls of the key type. */
    private Vector[] checkStorage(Vector[] keys, int rowCount) {
        Vector[] checked = keys;
        for (int k = 0; k < keys.length; k++) {
            SqlType expected = keyTypes.get(k);
            if (keys[k].storage() == Storage.of(expected)) {
                continue;
            }
            if (keys[k].type() != PrimitiveType.UNKNOWN) {
                throw new IllegalArgumentException("cannot hash keys: key " + k + " has type " + keys[k].type().displayName()
                        + ", expected " + expected.displayName());
            }
            if (checked == keys) {
                checked = keys.clone();
            }
            checked[k] = Vector.nulls(expected, rowCount);
        }
        return checked;
    }

    private void reserve() {
        memory.resize(table == null ? 0 : table.estimatedBytes());
    }

    public int groupCount() {
        if (table == null) {
            return keylessGroupSeen ? 1 : 0;
        }
        return table.groupCount();
    }

    /** The distinct keys in group-id order (first appearance), one vector per key column. */
    public Vector[] keys() {
        return table == null ? new Vector[0] : table.keys();
    }

    /** Bytes reserved for the table at the moment. */
    public long reservedBytes() {
        return memory.bytes();
    }

    /** Returns the table's memory reservation to the query; the hash is not used afterwards. */
    @Override
    public void close() {
        memory.close();
    }
}
