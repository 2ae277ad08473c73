package io.tidemark.loadtest.jmh;

import io.tidemark.engine.write.DimensionsCache;
import io.tidemark.engine.write.ParsedWrite;
import io.tidemark.engine.write.WriteLimits;
import io.tidemark.engine.write.WriteRecordsBuilder;
import io.tidemark.http.wire.write.WriteRecordsReader;
import io.tidemark.loadtest.bench.WriteRecordsBodies;
import io.tidemark.loadtest.tsbs.CpuOnlyConfig;
import io.tidemark.loadtest.tsbs.ValueMode;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * The server's reading of WriteRecords bodies on the HTTP thread, without HTTP or shards: the
 * TSBS cpu-only bodies of {@code bench http-ingest} (100 hosts, ten tags, ten DOUBLE attributes
 * per record) read by a {@link WriteRecordsReader} into a {@link WriteRecordsBuilder} and built
 * into a {@link ParsedWrite}, every rule applied. Each invocation reads
 * {@value #BODY_RECORDS} records' worth of bodies; scores are points per second on one thread
 * (ten per record). On a machine shared with other work the score follows the share of a core the
 * thread gets; the secondary result {@code cpuNanosPerPoint} (the thread's CPU time per point over
 * the iteration) does not, and is the figure to compare builds by.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class WriteRecordsReadBenchmark {

    private static final int HOSTS = 100;
    private static final int BODY_RECORDS = 10_000;
    private static final int POINTS_PER_RECORD = 10;

    @Param({"100", "1000"})
    public int recordsPerCall;

    private byte[][] bodies;
    private WriteLimits limits;
    private WriteRecordsReader reader;

    @Setup(Level.Trial)
    public void encode() {
        WriteRecordsBodies encoded = WriteRecordsBodies.encode(CpuOnlyConfig.tsbs(HOSTS, 42, ValueMode.FLOAT2),
                BODY_RECORDS / HOSTS, recordsPerCall);
        byte[] head = WriteRecordsBodies.head("bench", "cpu");
        bodies = new byte[encoded.calls()][];
        for (int c = 0; c < bodies.length; c++) {
            byte[] tail = encoded.tail(c);
            byte[] body = new byte[head.length + tail.length];
            System.arraycopy(head, 0, body, 0, head.length);
            System.arraycopy(tail, 0, body, head.length, tail.length);
            bodies[c] = body;
        }
        WriteLimits t = WriteLimits.TIMESTREAM;
        limits = new WriteLimits(Math.max(recordsPerCall, t.maxRecordsPerRequest()), t.maxRecordBytes(),
                t.maxDimensionsPerRecord(), t.maxDimensionNameBytes(), t.maxMeasureNameBytes(), t.maxDimensionBytes(),
                t.maxMeasureValueChars(), t.maxAttributesPerRecord(), t.maxAttributeValueBytes());
        reader = new WriteRecordsReader(new DimensionsCache(20_000));
    }

    /** The thread's CPU time per point read in one iteration. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class CpuTime {

        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

        private long cpuNanos;
        private long points;

        @Setup(Level.Iteration)
        public void reset() {
            cpuNanos = 0;
            points = 0;
        }

        public double cpuNanosPerPoint() {
            return points == 0 ? 0 : (double) cpuNanos / points;
        }

        long now() {
            return THREADS.getCurrentThreadCpuTime();
        }

        void add(long nanos, long pointsRead) {
            cpuNanos += nanos;
            points += pointsRead;
        }
    }

    @Benchmark
    @OperationsPerInvocation(BODY_RECORDS * POINTS_PER_RECORD)
    public void read(Blackhole sink, CpuTime cpu) {
        long start = cpu.now();
        for (byte[] body : bodies) {
            WriteRecordsBuilder builder = new WriteRecordsBuilder(limits);
            if (!reader.read(body, builder)) {
                throw new IllegalStateException("cannot read a benchmark body: the reader did not take it");
            }
            ParsedWrite parsed = builder.build();
            sink.consume(parsed);
        }
        cpu.add(cpu.now() - start, (long) BODY_RECORDS * POINTS_PER_RECORD);
    }
}
