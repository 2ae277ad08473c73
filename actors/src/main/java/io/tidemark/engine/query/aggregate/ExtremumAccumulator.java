package io.tidemark.engine.query.aggregate;

import io.tidemark.engine.query.vector.Storage;
import io.tidemark.engine.query.vector.Values;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.sql.type.SqlType;
import java.util.Arrays;

/**
 * {@code min(x)}/{@code max(x)} for every orderable type, and {@code bool_and}/{@code bool_or}
 * (the minimum and maximum of booleans, false &lt; true). State: the best value per group in the
 * array the type's storage uses, plus a seen flag; the intermediate is the extremum itself, so
 * merging is adding. Doubles order as {@link Values#compareDoubles} (NaN greatest).
 */
final class ExtremumAccumulator implements Accumulator {

    private final SqlType type;
    /** +1 keeps the greatest value, -1 the least. */
    private final int direction;
    private boolean[] seen = new boolean[0];
    private long[] longs = new long[0];
    private double[] doubles = new double[0];
    private boolean[] booleans = new boolean[0];
    private Object[] objects = new Object[0];

    ExtremumAccumulator(SqlType type, boolean max) {
        this.type = type;
        this.direction = max ? 1 : -1;
    }

    private void ensure(int groupCount) {
        seen = GroupArrays.ensure(seen, groupCount);
        switch (Storage.of(type)) {
            case LONG:
                longs = GroupArrays.ensure(longs, groupCount);
                break;
            case DOUBLE:
                doubles = GroupArrays.ensure(doubles, groupCount);
                break;
            case BOOLEAN:
                booleans = GroupArrays.ensure(booleans, groupCount);
                break;
            default:
                objects = GroupArrays.ensure(objects, groupCount);
        }
    }

    @Override
    public void add(int[] groupIds, int groupCount, Vector[] arguments, int rowCount) {
        ensure(groupCount);
        Vector values = arguments[0];
        boolean[] nulls = values.nullMask();
        switch (values.storage()) {
            case LONG: {
                long[] in = values.longs();
                for (int i = 0; i < rowCount; i++) {
                    int g = groupIds[i];
                    if (GroupArrays.present(nulls, i) && (!seen[g] || Long.compare(in[i], longs[g]) * direction > 0)) {
                        longs[g] = in[i];
                        seen[g] = true;
                    }
                }
                break;
            }
            case DOUBLE:
                addDoubleRuns(groupIds, nulls, values.doubles(), rowCount);
                break;
            case BOOLEAN: {
                boolean[] in = values.booleans();
                for (int i = 0; i < rowCount; i++) {
                    int g = groupIds[i];
                    if (GroupArrays.present(nulls, i) && (!seen[g] || Boolean.compare(in[i], booleans[g]) * direction > 0)) {
                        booleans[g] = in[i];
                        seen[g] = true;
                    }
                }
                break;
            }
            default: {
                Object[] in = values.objects();
                for (int i = 0; i < rowCount; i++) {
                    int g = groupIds[i];
                    if (in[i] != null && (!seen[g] || Values.compare(type, in[i], objects[g]) * direction > 0)) {
                        objects[g] = in[i];
                        seen[g] = true;
                    }
                }
            }
        }
    }

    /**
     * The double add, a run of rows of one group at a time (a scan's series and time bins) with the
     * group's extreme in locals, so consecutive rows do not wait on each other's store.
     */
    private void addDoubleRuns(int[] groupIds, boolean[] nulls, double[] in, int rowCount) {
        int i = 0;
        while (i < rowCount) {
            int g = groupIds[i];
            boolean any = seen[g];
            double best = doubles[g];
            for (; i < rowCount && groupIds[i] == g; i++) {
                if (GroupArrays.present(nulls, i) && (!any || Values.compareDoubles(in[i], best) * direction > 0)) {
                    best = in[i];
                    any = true;
                }
            }
            doubles[g] = best;
            seen[g] = any;
        }
    }

    @Override
    public Vector[] intermediate(int groupCount) {
        return new Vector[] {result(groupCount)};
    }

    @Override
    public void merge(int[] groupIds, int groupCount, Vector[] intermediate, int rowCount) {
        add(groupIds, groupCount, intermediate, rowCount);
    }

    @Override
    public Vector result(int groupCount) {
        ensure(groupCount);
        boolean[] nulls = GroupArrays.unseenMask(seen, groupCount);
        switch (Storage.of(type)) {
            case LONG:
                return Vector.ofLongs(type, Arrays.copyOf(longs, groupCount), nulls, groupCount);
            case DOUBLE:
                return Vector.ofDoubles(type, Arrays.copyOf(doubles, groupCount), nulls, groupCount);
            case BOOLEAN:
                return Vector.ofBooleans(type, Arrays.copyOf(booleans, groupCount), nulls, groupCount);
            default:
                return Vector.ofObjects(type, Arrays.copyOf(objects, groupCount), groupCount);
        }
    }
}
