package io.tidemark.loadtest.jmh;

import io.tidemark.loadtest.tsbs.CpuOnlyConfig;
import io.tidemark.loadtest.tsbs.CpuOnlyGenerator;
import io.tidemark.loadtest.tsbs.ValueMode;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * How fast the TSBS generator feeds the benchmarks: one day of values for each of ten series per
 * invocation; scores are points per second on one thread. The walks continue from invocation to
 * invocation, as they do when a benchmark generates a long time range.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class GeneratorBenchmark {

    private static final int SERIES = 10;
    private static final int STEPS = 8_640;

    @Param({"int", "float2"})
    public String values;

    private CpuOnlyGenerator generator;
    private final double[] out = new double[STEPS];

    @Setup(Level.Trial)
    public void create() {
        generator = new CpuOnlyGenerator(CpuOnlyConfig.tsbs(1, 42, ValueMode.parse(values)));
    }

    @Benchmark
    @OperationsPerInvocation(SERIES * STEPS)
    public void nextValues(Blackhole sink) {
        for (int s = 0; s < SERIES; s++) {
            generator.nextValues(s, out, 0, STEPS);
            sink.consume(out);
        }
    }
}
