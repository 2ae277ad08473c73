package io.tidemark.engine.query.aggregate;

import io.tidemark.engine.query.vector.Vector;
import io.tidemark.sql.type.PrimitiveType;
import java.util.Arrays;

/** {@code count(*)}, {@code count(x)} and {@code count_if(b)}: one long counter per group; partial counts add up. */
final class CountAccumulator implements Accumulator {

    /** What a row must be to count. */
    enum Mode {
        /** count(*): every row. */
        ROWS,
        /** count(x): rows whose argument is not null. */
        NON_NULL,
        /** count_if(b): rows whose argument is true. */
        TRUE
    }

    private final Mode mode;
    private long[] counts = new long[GroupArrays.INITIAL_GROUPS];

    CountAccumulator(Mode mode) {
        this.mode = mode;
    }

    @Override
    public void add(int[] groupIds, int groupCount, Vector[] arguments, int rowCount) {
        counts = GroupArrays.ensure(counts, groupCount);
        if (mode == Mode.ROWS) {
            for (int i = 0; i < rowCount; i++) {
                counts[groupIds[i]]++;
            }
            return;
        }
        boolean[] nulls = arguments[0].nullMask();
        if (mode == Mode.NON_NULL) {
            for (int i = 0; i < rowCount; i++) {
                if (GroupArrays.present(nulls, i)) {
                    counts[groupIds[i]]++;
                }
            }
            return;
        }
        boolean[] values = arguments[0].booleans();
        for (int i = 0; i < rowCount; i++) {
            if (GroupArrays.present(nulls, i) && values[i]) {
                counts[groupIds[i]]++;
            }
        }
    }

    @Override
    public Vector[] intermediate(int groupCount) {
        return new Vector[] {result(groupCount)};
    }

    @Override
    public void merge(int[] groupIds, int groupCount, Vector[] intermediate, int rowCount) {
        counts = GroupArrays.ensure(counts, groupCount);
        long[] partial = intermediate[0].longs();
        for (int i = 0; i < rowCount; i++) {
            counts[groupIds[i]] += partial[i];
        }
    }

    @Override
    public Vector result(int groupCount) {
        counts = GroupArrays.ensure(counts, groupCount);
        return Vector.ofLongs(PrimitiveType.BIGINT, Arrays.copyOf(counts, groupCount), null, groupCount);
    }
}
