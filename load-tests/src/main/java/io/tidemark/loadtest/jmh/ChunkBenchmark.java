package io.tidemark.loadtest.jmh;

import io.tidemark.storage.chunk.SealedChunk;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Chunk encode (append + seal) and decode (times and values) of TSBS-shaped data; scores are
 * points per second on one thread. Run: {@code ./tidemark bench jmh ChunkBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ChunkBenchmark {

    private final long[] decodedTimes = new long[TsbsSeriesData.POINTS];
    private final double[] decodedValues = new double[TsbsSeriesData.POINTS];

    @Benchmark
    @OperationsPerInvocation(TsbsSeriesData.POINTS)
    public void encode(TsbsSeriesData data, Blackhole sink) {
        for (int from = 0; from < TsbsSeriesData.POINTS; from += data.chunkPoints) {
            sink.consume(data.sealChunk(from));
        }
    }

    @Benchmark
    @OperationsPerInvocation(TsbsSeriesData.POINTS)
    public void decode(TsbsSeriesData data, Blackhole sink) {
        for (SealedChunk chunk : data.sealed) {
            chunk.decodeTimes(decodedTimes);
            chunk.decodeDoubles(0, decodedValues);
            sink.consume(decodedTimes);
            sink.consume(decodedValues);
        }
    }
}
