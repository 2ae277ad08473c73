package io.tidemark.http.lineprotocol;

import io.tidemark.loadtest.bench.LineProtocolBodies;
import io.tidemark.loadtest.tsbs.CpuOnlyConfig;
import io.tidemark.loadtest.tsbs.ValueMode;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The line-protocol scan alone ({@link LineScanner#scan} over one {@code bench http-ingest
 * --protocol lp} body: 5,000 TSBS cpu-only lines, ten integer fields each); scores are points per
 * second on one thread. Run: {@code ./tidemark bench jmh LineScanBenchmark}.
 *
 * <p>In the scanner's package, not in {@code io.tidemark.loadtest.jmh}, because the scanner is
 * package-private.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LineScanBenchmark {

    private static final int LINES = 5000;
    private static final int POINTS = 10 * LINES;

    private final ParsedLine line = new ParsedLine();
    private byte[] body;

    @Setup
    public void encode() {
        body = LineProtocolBodies.encode(CpuOnlyConfig.tsbs(100, 123, ValueMode.INT), LINES / 100, LINES).body(0);
    }

    @Benchmark
    @OperationsPerInvocation(POINTS)
    public void scan(Blackhole sink) {
        int p = 0;
        long check = 0;
        while (p < body.length) {
            p = LineScanner.scan(body, p, body.length, line);
            check += line.seriesHash + line.time + line.value[line.fieldCount - 1];
        }
        sink.consume(check);
    }
}
