package io.tidemark.engine.query.operator;

import io.tidemark.engine.query.vector.Vector;
import io.tidemark.sql.type.SqlType;
import java.util.Arrays;

/**
 * The group table of one varchar key: a row hashes with {@link String#hashCode()} (cached in the
 * string) and compares with {@link String#equals}, with no per-column pass and no boxing. Null is
 * a group of its own, kept outside the slots. A row holding the very string of the row before (a
 * scan repeats one dimension value over a series' rows) takes that row's group without a probe.
 */
final class VarcharGroupTable extends HashedGroupTable {

    private final SqlType type;
    private Object[] groupKeys;
    private int nullGroup = EMPTY;

    VarcharGroupTable(SqlType type, int expectedGroups) {
        super(expectedGroups);
        this.type = type;
        groupKeys = new Object[Math.max(16, expectedGroups)];
    }

    @Override
    public int[] assign(Vector[] keys, int rowCount, boolean add) {
        Object[] values = keys[0].objects();
        int[] ids = new int[rowCount];
        for (int i = 0; i < rowCount; i++) {
            Object value = values[i];
            if (i > 0 && value == values[i - 1]) {
                ids[i] = ids[i - 1];
            } else if (value == null) {
                if (nullGroup == EMPTY && add) {
                    nullGroup = newUnslottedGroup(keys, i);
                }
                ids[i] = nullGroup;
            } else {
                ids[i] = find(keys, i, (int) HashMixing.mix(value.hashCode()), add);
            }
        }
        return ids;
    }

    @Override
    boolean matches(int group, Vector[] keys, int row) {
        return groupKeys[group].equals(keys[0].getObject(row));
    }

    @Override
    void store(int group, Vector[] keys, int row) {
        if (group == groupKeys.length) {
            groupKeys = Arrays.copyOf(groupKeys, group * 2);
        }
        groupKeys[group] = keys[0].getObject(row);
    }

    @Override
    boolean isUnslotted(int group) {
        return group == nullGroup;
    }

    @Override
    public Vector[] keys() {
        return new Vector[] {Vector.ofObjects(type, Arrays.copyOf(groupKeys, groupCount()), groupCount())};
    }

    @Override
    public long estimatedBytes() {
        return estimatedBytes(48);
    }
}
