package io.tidemark.engine.query.window;

import static io.tidemark.sql.type.PrimitiveType.BIGINT;
import static io.tidemark.sql.type.PrimitiveType.DOUBLE;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.engine.query.QueryContext;
import io.tidemark.engine.query.expression.EvalContext;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.query.vector.SortKey;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.engine.query.vector.VectorBuilder;
import io.tidemark.sql.type.ArrayType;
import io.tidemark.sql.type.SqlType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Random batches and random frames: every frame-scoped function agrees with a reference that
 * finds each row's frame by scanning its partition and folds the frame's values directly.
 */
class WindowFrameAgreementTest {

    private static final Frame.BoundType[] TYPES = Frame.BoundType.values();
    private static final List<String> FUNCTIONS = List.of("sum", "count", "min", "array_agg", "first_value", "last_value");

    /** Column 0 partition (bigint), 1 order key (bigint, some null), 2 value (double, some null). */
    @Property(tries = 300)
    void windowResultsMatchAFrameByFrameReference(@ForAll @IntRange(max = 40) int rows, @ForAll long seed) {
        check(rows, 3, 10, seed, false);
    }

    /** Partitions long enough to span several blocks of the running-prefix path. */
    @Property(tries = 25)
    void runningFramesOverLongPartitionsMatchTheReference(@ForAll @IntRange(min = 100, max = 400) int rows, @ForAll long seed) {
        check(rows, 2, 150, seed, true);
    }

    private static void check(int rows, int partitionCount, int keyRange, long seed, boolean running) {
        Random random = new Random(seed);
        VectorBuilder partitions = new VectorBuilder(BIGINT, rows);
        VectorBuilder keys = new VectorBuilder(BIGINT, rows);
        VectorBuilder values = new VectorBuilder(DOUBLE, rows);
        for (int i = 0; i < rows; i++) {
            partitions.appendLong(random.nextInt(partitionCount));
            keys.append(random.nextInt(8) == 0 ? null : (Object) (long) random.nextInt(keyRange));
            values.append(random.nextInt(6) == 0 ? null : (Object) (double) random.nextInt(100));
        }
        Batch input = new Batch(List.of(partitions.build(), keys.build(), values.build()), rows);
        Frame frame = randomFrame(random, running);
        String function = FUNCTIONS.get(random.nextInt(FUNCTIONS.size()));
        SqlType returnType = function.equals("count") ? BIGINT : function.equals("array_agg") ? new ArrayType(DOUBLE) : DOUBLE;
        List<Integer> arguments = function.equals("count") ? List.of() : List.of(2);
        List<SqlType> argumentTypes = function.equals("count") ? List.of() : List.of(DOUBLE);
        WindowSpec spec = new WindowSpec(function, arguments, argumentTypes, returnType, false, List.of(0), List.of(SortKey.ascending(1)), frame,
                false);
        QueryContext context = new QueryContext("q", EvalContext.utc(0), System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(5), 1L << 30);
        Vector result = WindowOperator.apply(input, List.of(spec), context).column(3);
        Map<Long, List<Integer>> sortedPartitions = new HashMap<>();
        for (int row = 0; row < rows; row++) {
            List<Integer> frameRows = referenceFrame(input, frame, row, sortedPartitions);
            assertThat(result.get(row)).as("%s over %s, row %d, frame rows %s", function, frame, row, frameRows)
                    .isEqualTo(reference(function, input.column(2), frameRows));
        }
    }

    private static Frame randomFrame(Random random, boolean running) {
        while (true) {
            Frame.Bound start = bound(TYPES[running ? 0 : random.nextInt(4)], random);
            Frame.Bound end = bound(TYPES[1 + random.nextInt(4)], random);
            if (start.type().ordinal() <= end.type().ordinal()) {
                return new Frame(random.nextBoolean() ? Frame.Unit.ROWS : Frame.Unit.RANGE, start, end);
            }
        }
    }

    private static Frame.Bound bound(Frame.BoundType type, Random random) {
        boolean offset = type == Frame.BoundType.PRECEDING || type == Frame.BoundType.FOLLOWING;
        return new Frame.Bound(type, offset ? (Number) (long) random.nextInt(4) : null);
    }

    /** The input rows of {@code row}'s frame in window order, found by scanning its partition. */
    private static List<Integer> referenceFrame(Batch input, Frame frame, int row, Map<Long, List<Integer>> sortedPartitions) {
        Vector partition = input.column(0);
        Vector key = input.column(1);
        List<Integer> members = sortedPartitions.computeIfAbsent(partition.getLong(row), value -> {
            List<Integer> rows = new ArrayList<>();
            for (int i = 0; i < input.rowCount(); i++) {
                if (partition.getLong(i) == value) {
                    rows.add(i);
                }
            }
            Comparator<Integer> byKey = Comparator.comparing(i -> key.isNull(i) ? null : key.getLong(i), Comparator.nullsLast(Comparator.naturalOrder()));
            rows.sort(byKey.thenComparing(i -> i));
            return rows;
        });
        int k = members.indexOf(row);
        int start = position(frame, frame.start(), members, key, k, false);
        int end = position(frame, frame.end(), members, key, k, true);
        return start < end ? members.subList(start, end) : List.of();
    }

    private static int position(Frame frame, Frame.Bound bound, List<Integer> members, Vector key, int k, boolean isEnd) {
        int size = members.size();
        switch (bound.type()) {
            case UNBOUNDED_PRECEDING:
                return 0;
            case UNBOUNDED_FOLLOWING:
                return size;
            default:
                break;
        }
        if (frame.unit() == Frame.Unit.ROWS) {
            long offset = bound.type() == Frame.BoundType.CURRENT_ROW ? 0 : bound.offset().longValue();
            long at = bound.type() == Frame.BoundType.PRECEDING ? k - offset : k + offset;
            return (int) Math.max(0, Math.min(size, at + (isEnd ? 1 : 0)));
        }
        Long current = key.isNull(members.get(k)) ? null : key.getLong(members.get(k));
        if (bound.type() == Frame.BoundType.CURRENT_ROW || current == null) {
            return isEnd ? lastWith(members, key, current, k) + 1 : firstWith(members, key, current, k);
        }
        long target = bound.type() == Frame.BoundType.PRECEDING ? current - bound.offset().longValue() : current + bound.offset().longValue();
        int nonNull = 0;
        while (nonNull < size && !key.isNull(members.get(nonNull))) {
            nonNull++;
        }
        int p = 0;
        while (p < nonNull && (isEnd ? key.getLong(members.get(p)) <= target : key.getLong(members.get(p)) < target)) {
            p++;
        }
        return p;
    }

    private static int firstWith(List<Integer> members, Vector key, Long value, int k) {
        while (k > 0 && same(key, members.get(k - 1), value)) {
            k--;
        }
        return k;
    }

    private static int lastWith(List<Integer> members, Vector key, Long value, int k) {
        while (k + 1 < members.size() && same(key, members.get(k + 1), value)) {
            k++;
        }
        return k;
    }

    private static boolean same(Vector key, int row, Long value) {
        return key.isNull(row) ? value == null : value != null && key.getLong(row) == value;
    }

    private static Object reference(String function, Vector values, List<Integer> frame) {
        List<Object> frameValues = new ArrayList<>();
        for (int row : frame) {
            frameValues.add(values.get(row));
        }
        List<Double> present = new ArrayList<>();
        for (Object value : frameValues) {
            if (value != null) {
                present.add((Double) value);
            }
        }
        switch (function) {
            case "sum":
                return present.isEmpty() ? null : present.stream().mapToDouble(Double::doubleValue).sum();
            case "count":
                return (long) frame.size();
            case "min":
                return present.stream().min(Double::compare).orElse(null);
            case "array_agg":
                return frameValues.isEmpty() ? null : frameValues;
            case "first_value":
                return frameValues.isEmpty() ? null : frameValues.get(0);
            default:
                return frameValues.isEmpty() ? null : frameValues.get(frameValues.size() - 1);
        }
    }
}
