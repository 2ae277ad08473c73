package io.tidemark.engine.query.fragment;

import static io.tidemark.engine.query.QueryTestEngine.DB;
import static io.tidemark.engine.query.QueryTestEngine.await;
import static io.tidemark.engine.query.QueryTestEngine.createTable;
import static io.tidemark.engine.query.QueryTestEngine.single;
import static io.tidemark.engine.query.QueryTestEngine.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.engine.Engine;
import io.tidemark.engine.ManualClock;
import io.tidemark.engine.catalog.RetentionProperties;
import io.tidemark.engine.query.QueryContext;
import io.tidemark.engine.query.QueryTestEngine;
import io.tidemark.engine.query.expression.EvalContext;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.write.RecordInput;
import io.tidemark.sql.analyzer.ColumnRole;
import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.sql.type.SqlType;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A shard task that outlives {@code tidemark.engine.query.fragment-timeout} counts as failed and is run again. */
class ShardFragmentTimeoutTest {

    private static final ScanColumn DOUBLE_VALUE = new ScanColumn("measure_value::double", PrimitiveType.DOUBLE,
            ColumnRole.MEASURE_VALUE);

    @TempDir
    Path dataDir;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-10T12:00:00Z"));
    @AutoClose
    private Engine engine;

    private static QueryContext context() {
        return new QueryContext("q1", EvalContext.utc(0), System.nanoTime() + Duration.ofMinutes(1).toNanos(),
                Long.MAX_VALUE);
    }

    private static ScanRequest request(String table, List<ScanColumn> columns, Map<String, Set<String>> values) {
        return new ScanRequest(DB, table, columns, Long.MIN_VALUE, Long.MAX_VALUE, values);
    }

    private static int rows(List<Batch> batches) {
        return batches.stream().mapToInt(Batch::rowCount).sum();
    }

    @Test
    void aShardTaskRunningPastTheFragmentTimeoutIsRetried() {
        engine = QueryTestEngine.start(dataDir, clock, Map.of("tidemark.engine.query.fragment-timeout", "300ms"));
        createTable(engine, "cpu", RetentionProperties.DEFAULT, false);
        long now = clock.millis();
        List<RecordInput> records = new ArrayList<>();
        for (int host = 0; host < 8; host++) {
            records.add(single("cpu", "DOUBLE", Integer.toString(host), now - 1000, "host", "h" + host));
        }
        write(engine, "cpu", records);
        CountDownLatch stuck = new CountDownLatch(1);
        PassThroughPipeline passThrough = new PassThroughPipeline(List.of(PrimitiveType.DOUBLE));
        AtomicInteger opened = new AtomicInteger();
        FragmentPipeline firstSinkHangs = new FragmentPipeline() {
            @Override
            public FragmentSink open(QueryContext context) {
                FragmentSink sink = passThrough.open(context);
                if (opened.incrementAndGet() > 1) {
                    return sink;
                }
                return new FragmentSink() {
                    @Override
                    public void accept(Batch scanned) {
                        try {
                            stuck.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        sink.accept(scanned);
                    }

                    @Override
                    public Batch finish() {
                        return sink.finish();
                    }
                };
            }

            @Override
            public List<SqlType> outputTypes() {
                return passThrough.outputTypes();
            }

            @Override
            public List<String> describe() {
                return passThrough.describe();
            }
        };

        int rows = rows(await(engine.fragments().run(request("cpu", List.of(DOUBLE_VALUE), Map.of()),
                firstSinkHangs, context())));
        stuck.countDown();

        assertThat(rows).isEqualTo(8);
        assertThat(opened.get()).as("two shards plus the retry of the one that hung").isEqualTo(3);
    }
}
