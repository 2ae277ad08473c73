package io.tidemark.engine.query.fragment;

import io.tidemark.engine.query.QueryContext;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.sql.type.SqlType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

/**
 * A fragment that keeps every scanned row: its sink concatenates the batches it is fed. Counts
 * the sinks it opened, and can make chosen sinks (by opening order, from 1) fail on their first
 * batch with a given error, to drive the runner's supervision.
 */
public final class PassThroughPipeline implements FragmentPipeline {

    private final List<SqlType> types;
    private final IntPredicate failing;
    private final RuntimeException failure;
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger batches = new AtomicInteger();

    public PassThroughPipeline(List<SqlType> types) {
        this(types, n -> false, null);
    }

    public PassThroughPipeline(List<SqlType> types, IntPredicate failing, RuntimeException failure) {
        this.types = List.copyOf(types);
        this.failing = failing;
        this.failure = failure;
    }

    public int opened() {
        return opened.get();
    }

    int batches() {
        return batches.get();
    }

    @Override
    public FragmentSink open(QueryContext context) {
        boolean fails = failing.test(opened.incrementAndGet());
        return new FragmentSink() {
            private final List<Batch> kept = new ArrayList<>();

            @Override
            public void accept(Batch scanned) {
                if (fails) {
                    throw failure;
                }
                batches.incrementAndGet();
                kept.add(scanned);
            }

            @Override
            public Batch finish() {
                return kept.isEmpty() ? Batch.empty(types) : Batch.concat(kept, types);
            }
        };
    }

    @Override
    public List<SqlType> outputTypes() {
        return types;
    }

    @Override
    public List<String> describe() {
        return List.of("PassThrough");
    }
}
