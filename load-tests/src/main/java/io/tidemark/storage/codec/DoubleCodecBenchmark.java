package io.tidemark.storage.codec;

import io.tidemark.loadtest.tsbs.CpuOnlyConfig;
import io.tidemark.loadtest.tsbs.CpuOnlyGenerator;
import io.tidemark.loadtest.tsbs.ValueMode;
import java.util.Locale;
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
 * Gorilla XOR against the value-aware double codec on one day of one TSBS series (8,640 values),
 * encode and decode; scores are values per second on one thread, and the set-up prints the
 * encoded size of each. Run: {@code ./tidemark bench jmh DoubleCodecBenchmark}.
 *
 * <p>This benchmark lives in the codec package, not in {@code io.tidemark.loadtest.jmh}, because
 * the individual codecs are package-private: only the block codec, which picks the smallest
 * encoding itself, is public.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DoubleCodecBenchmark {

    private static final int VALUES = 8_640;

    /** {@code int}: TSBS's integer-valued walk; {@code float2}: two-decimal walk. */
    @Param({"int", "float2"})
    public String values;

    private final double[] input = new double[VALUES];
    private final double[] output = new double[VALUES];
    private final BitWriter writer = new BitWriter(VALUES * 9);
    private byte[] xorBlock;
    private byte[] valueAwareBlock;

    @Setup(Level.Trial)
    public void generate() {
        CpuOnlyGenerator generator = new CpuOnlyGenerator(CpuOnlyConfig.tsbs(1, 42, ValueMode.parse(values)));
        generator.nextValues(0, input, 0, VALUES);
        writer.reset();
        XorDoubleCodec.encode(input, VALUES, writer);
        xorBlock = writer.toByteArray();
        writer.reset();
        DoubleBlockCodec.encode(input, VALUES, writer);
        valueAwareBlock = writer.toByteArray();
        System.out.printf(Locale.ROOT, "%n%s values, bytes per value: gorilla xor %.3f, value-aware %.3f%n",
                values, (double) xorBlock.length / VALUES, (double) valueAwareBlock.length / VALUES);
    }

    @Benchmark
    @OperationsPerInvocation(VALUES)
    public void gorillaXorEncode(Blackhole sink) {
        writer.reset();
        XorDoubleCodec.encode(input, VALUES, writer);
        sink.consume(writer.sizeInBytes());
    }

    @Benchmark
    @OperationsPerInvocation(VALUES)
    public void valueAwareEncode(Blackhole sink) {
        writer.reset();
        DoubleBlockCodec.encode(input, VALUES, writer);
        sink.consume(writer.sizeInBytes());
    }

    @Benchmark
    @OperationsPerInvocation(VALUES)
    public void gorillaXorDecode(Blackhole sink) {
        XorDoubleCodec.decode(new BitReader(xorBlock, 0, xorBlock.length), output, VALUES);
        sink.consume(output);
    }

    @Benchmark
    @OperationsPerInvocation(VALUES)
    public void valueAwareDecode(Blackhole sink) {
        DoubleBlockCodec.decode(new BitReader(valueAwareBlock, 0, valueAwareBlock.length), output, VALUES);
        sink.consume(output);
    }
}
