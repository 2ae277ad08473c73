package io.tidemark.loadtest.jmh;

import io.tidemark.engine.query.QueryContext;
import io.tidemark.engine.query.aggregate.Accumulator;
import io.tidemark.engine.query.aggregate.AggregateFunction;
import io.tidemark.engine.query.aggregate.BuiltinAggregates;
import io.tidemark.engine.query.expression.EvalContext;
import io.tidemark.engine.query.function.BoundSignature;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.query.vector.SortKey;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.engine.query.window.Frame;
import io.tidemark.engine.query.window.WindowOperator;
import io.tidemark.engine.query.window.WindowSpec;
import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.sql.type.SqlType;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Grouped aggregation ({@code avg}, {@code stddev}, {@code approx_percentile} of a double column
 * by a group id) and window evaluation (a running sum and a 10-row moving average per
 * partition) over one batch of {@link #ROWS} rows; scores are rows per second on one thread.
 * Run: {@code ./tidemark bench jmh AggregateBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AggregateBenchmark {

    static final int ROWS = 1 << 20;

    /** Distinct groups (aggregation) or partitions (windows). */
    @Param({"16", "10000"})
    public int groups;

    private int[] groupIds;
    private Vector values;
    private Batch batch;
    private AggregateFunction avg;
    private AggregateFunction stddev;
    private AggregateFunction percentile;
    private Vector percentiles;

    @Setup
    public void setUp() {
        Random random = new Random(1);
        groupIds = new int[ROWS];
        long[] partitions = new long[ROWS];
        long[] times = new long[ROWS];
        double[] doubles = new double[ROWS];
        for (int i = 0; i < ROWS; i++) {
            groupIds[i] = random.nextInt(groups);
            partitions[i] = groupIds[i];
            times[i] = i;
            doubles[i] = random.nextGaussian();
        }
        values = Vector.ofDoubles(PrimitiveType.DOUBLE, doubles, null, ROWS);
        batch = new Batch(List.of(Vector.ofLongs(PrimitiveType.BIGINT, partitions, null, ROWS),
                Vector.ofLongs(PrimitiveType.TIMESTAMP, times, null, ROWS), values), ROWS);
        avg = bind("avg", List.of(PrimitiveType.DOUBLE));
        stddev = bind("stddev", List.of(PrimitiveType.DOUBLE));
        percentile = bind("approx_percentile", List.of(PrimitiveType.DOUBLE, PrimitiveType.DOUBLE));
        percentiles = Vector.constant(PrimitiveType.DOUBLE, 0.99, ROWS);
    }

    private static AggregateFunction bind(String name, List<SqlType> arguments) {
        return BuiltinAggregates.instance().bind(new BoundSignature(name, arguments, PrimitiveType.DOUBLE), false).orElseThrow();
    }

    private Vector aggregate(AggregateFunction function, Vector... arguments) {
        Accumulator accumulator = function.newAccumulator();
        accumulator.add(groupIds, groups, arguments, ROWS);
        return accumulator.result(groups);
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public Vector groupedAvg() {
        return aggregate(avg, values);
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public Vector groupedStddev() {
        return aggregate(stddev, values);
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public Vector groupedApproxPercentile() {
        return aggregate(percentile, values, percentiles);
    }

    private Batch window(Frame frame) {
        WindowSpec spec = new WindowSpec(frame == null ? "sum" : "avg", List.of(2), List.of(PrimitiveType.DOUBLE), PrimitiveType.DOUBLE, false,
                List.of(0), List.of(SortKey.ascending(1)), frame, false);
        QueryContext context = new QueryContext("bench", EvalContext.utc(0), System.nanoTime() + TimeUnit.HOURS.toNanos(1), 1L << 32);
        return WindowOperator.apply(batch, List.of(spec), context);
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public Batch windowRunningSum() {
        return window(null);
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public Batch windowMovingAvg10Rows() {
        return window(Frame.rows(Frame.Bound.preceding(9L), Frame.Bound.currentRow()));
    }
}
