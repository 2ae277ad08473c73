package io.tidemark.engine.query.operator;

import io.tidemark.engine.query.aggregate.Accumulator;
import io.tidemark.engine.query.aggregate.AggregateFunction;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.sql.type.SqlType;
import java.util.Arrays;
import java.util.List;

/**
 * Two small aggregates over the {@link Accumulator} contract, for driving {@link HashAggregation}:
 * {@code sum(bigint)} (null for a group without non-null input; its state is the sum, null while
 * empty) and {@code count(x)} / {@code count(*)} (its state is the count).
 */
final class TestAggregates {

    private TestAggregates() {
    }

    static final AggregateFunction SUM = new AggregateFunction() {
        @Override
        public SqlType returnType() {
            return PrimitiveType.BIGINT;
        }

        @Override
        public List<SqlType> intermediateTypes() {
            return List.of(PrimitiveType.BIGINT);
        }

        @Override
        public Accumulator newAccumulator() {
            return new SumAccumulator();
        }
    };

    static final AggregateFunction COUNT = new AggregateFunction() {
        @Override
        public SqlType returnType() {
            return PrimitiveType.BIGINT;
        }

        @Override
        public List<SqlType> intermediateTypes() {
            return List.of(PrimitiveType.BIGINT);
        }

        @Override
        public Accumulator newAccumulator() {
            return new CountAccumulator();
        }
    };

    private static final class SumAccumulator implements Accumulator {
        private long[] sums = new long[0];
        private boolean[] seen = new boolean[0];

        private void grow(int groupCount) {
            if (sums.length < groupCount) {
                sums = Arrays.copyOf(sums, groupCount);
                seen = Arrays.copyOf(seen, groupCount);
            }
        }

        @Override
        public void add(int[] groupIds, int groupCount, Vector[] arguments, int rowCount) {
            grow(groupCount);
            Vector values = arguments[0];
            for (int i = 0; i < rowCount; i++) {
                if (!values.isNull(i)) {
                    sums[groupIds[i]] += values.getLong(i);
                    seen[groupIds[i]] = true;
                }
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
            grow(groupCount);
            boolean[] nulls = new boolean[groupCount];
            for (int g = 0; g < groupCount; g++) {
                nulls[g] = !seen[g];
            }
            return Vector.ofLongs(PrimitiveType.BIGINT, Arrays.copyOf(sums, groupCount), nulls, groupCount);
        }
    }

    /** count(x) with one argument (non-null values), count(*) with none. */
    private static final class CountAccumulator implements Accumulator {
        private long[] counts = new long[0];

        private void grow(int groupCount) {
            if (counts.length < groupCount) {
                counts = Arrays.copyOf(counts, groupCount);
            }
        }

        @Override
        public void add(int[] groupIds, int groupCount, Vector[] arguments, int rowCount) {
            grow(groupCount);
            for (int i = 0; i < rowCount; i++) {
                if (arguments.length == 0 || !arguments[0].isNull(i)) {
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
            grow(groupCount);
            for (int i = 0; i < rowCount; i++) {
                counts[groupIds[i]] += intermediate[0].getLong(i);
            }
        }

        @Override
        public Vector result(int groupCount) {
            grow(groupCount);
            return Vector.ofLongs(PrimitiveType.BIGINT, Arrays.copyOf(counts, groupCount), null, groupCount);
        }
    }
}
