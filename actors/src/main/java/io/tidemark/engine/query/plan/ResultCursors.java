package io.tidemark.engine.query.plan;

import io.tidemark.engine.query.QueryContext;
import io.tidemark.engine.query.fragment.FragmentRunner.PlacedFragment;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.sql.ast.SetOperation;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.UnaryOperator;

/**
 * The cursors a plan's final part streams through ({@link QueryPlan#open}). Projection, filter,
 * OFFSET/LIMIT and UNION ALL pass their input's batches through one at a time; a fragment's
 * output is pulled shard by shard, at most {@link #SHARDS_AHEAD} shards running ahead of the one
 * being read, each finished shard's output counted against the query's memory until it is handed
 * out (its reader accounts for what it holds from then on). Every other node (sort, aggregation, window, join, DISTINCT, shared WITH
 * queries) is run to its whole output first, held by the executor until the cursor closes, and
 * handed out {@link #SLICE_ROWS} rows at a time.
 */
final class ResultCursors {

    /** Shards whose fragment runs while an earlier shard's output is being read. */
    static final int SHARDS_AHEAD = 2;
    /** The rows of one batch handed out of a materialized output. */
    static final int SLICE_ROWS = 8192;

    private ResultCursors() {
    }

    /** A cursor over {@code node}'s output; the executor holds what materialized nodes computed until it is released. */
    static BatchCursor of(PlanNode node, PlanExecutor executor) {
        if (node instanceof OutputNode output) {
            return of(output.source(), executor);
        }
        if (node instanceof ProjectNode project) {
            return new Mapped(of(project.source(), executor),
                    batch -> ProjectNode.project(batch, project.expressions(), executor.eval()), executor.context());
        }
        if (node instanceof FilterNode filter) {
            return new Mapped(of(filter.source(), executor), batch -> filter.apply(batch, executor.eval()),
                    executor.context());
        }
        if (node instanceof LimitNode limit) {
            return new Limited(of(limit.source(), executor), limit.offset(), limit.limit());
        }
        if (node instanceof SetOperationNode set && set.operator() == SetOperation.Operator.UNION && !set.distinct()) {
            return new Concatenated(List.of(of(set.left(), executor), of(set.right(), executor)));
        }
        if (node instanceof RemoteSourceNode remote) {
            return new ShardByShard(executor.runner().placed(remote.scan().request(executor.eval()), remote.pipeline(),
                    executor.context()), executor.context());
        }
        return new Sliced(executor.run(node), executor.context());
    }

    /** A materialized output, {@link #SLICE_ROWS} rows at a time. */
    private static final class Sliced implements BatchCursor {

        private final Batch rows;
        private final QueryContext context;
        private int next;
        private boolean first = true;

        Sliced(Batch rows, QueryContext context) {
            this.rows = rows;
            this.context = context;
        }

        @Override
        public Optional<Batch> next() {
            context.checkRunning();
            if (next >= rows.rowCount() && !first) {
                return Optional.empty();
            }
            first = false;
            int from = next;
            next = Math.min(rows.rowCount(), from + SLICE_ROWS);
            return Optional.of(from == 0 && next == rows.rowCount() ? rows : rows.slice(from, next));
        }

        @Override
        public void close() {
            next = rows.rowCount();
            first = false;
        }
    }

    /** Every input batch mapped (a projection, a filter). */
    private static final class Mapped implements BatchCursor {

        private final BatchCursor input;
        private final UnaryOperator<Batch> map;
        private final QueryContext context;

        Mapped(BatchCursor input, UnaryOperator<Batch> map, QueryContext context) {
            this.input = input;
            this.map = map;
            this.context = context;
        }

        @Override
        public Optional<Batch> next() {
            Optional<Batch> batch = input.next();
            context.checkRunning();
            return batch.map(map);
        }

        @Override
        public void close() {
            input.close();
        }
    }

    /** OFFSET / LIMIT over the input's batches; stops pulling the input once the limit is reached. */
    private static final class Limited implements BatchCursor {

        private final BatchCursor input;
        private long toSkip;
        /** Rows still to hand out; negative: no limit. */
        private long remaining;

        Limited(BatchCursor input, long offset, long limit) {
            this.input = input;
            this.toSkip = offset;
            this.remaining = limit;
        }

        @Override
        public Optional<Batch> next() {
            if (remaining == 0) {
                input.close();
                return Optional.empty();
            }
            Optional<Batch> next = input.next();
            if (next.isEmpty()) {
                return next;
            }
            Batch batch = next.get();
            int rows = batch.rowCount();
            int from = (int) Math.min(toSkip, rows);
            toSkip -= from;
            int to = remaining < 0 ? rows : (int) Math.min(rows, from + remaining);
            if (remaining > 0) {
                remaining -= to - from;
            }
            return Optional.of(from == 0 && to == rows ? batch : batch.slice(from, to));
        }

        @Override
        public void close() {
            input.close();
        }
    }

    /** The inputs one after another (UNION ALL). */
    private static final class Concatenated implements BatchCursor {

        private final List<BatchCursor> inputs;
        private int current;

        Concatenated(List<BatchCursor> inputs) {
            this.inputs = inputs;
        }

        @Override
        public Optional<Batch> next() {
            while (current < inputs.size()) {
                Optional<Batch> batch = inputs.get(current).next();
                if (batch.isPresent()) {
                    return batch;
                }
                inputs.get(current++).close();
            }
            return Optional.empty();
        }

        @Override
        public void close() {
            inputs.forEach(BatchCursor::close);
        }
    }

    /**
     * A fragment's output shard by shard, in shard order: while one shard's output is read, the
     * next {@link #SHARDS_AHEAD} run. A finished shard's output counts against the query's memory
     * from when it arrives until it is handed out, so the cursor holds at most
     * {@code SHARDS_AHEAD} shards' outputs besides the one its reader has.
     */
    private static final class ShardByShard implements BatchCursor {

        /** A shard's output and the memory reserved for it. */
        private record Held(Batch batch, long bytes) {
        }

        private final PlacedFragment fragment;
        private final QueryContext context;
        private final Deque<CompletableFuture<Held>> running = new ArrayDeque<>();
        private int started;
        private boolean closed;

        ShardByShard(PlacedFragment fragment, QueryContext context) {
            this.fragment = fragment;
            this.context = context;
        }

        @Override
        public Optional<Batch> next() {
            context.checkRunning();
            if (closed) {
                return Optional.empty();
            }
            while (started < fragment.places() && running.size() <= SHARDS_AHEAD) {
                running.add(fragment.run(started++).toCompletableFuture().thenApply(this::reserve));
            }
            CompletableFuture<Held> head = running.poll();
            if (head == null) {
                return Optional.empty();
            }
            Held held;
            try {
                held = head.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException failure ? failure : e;
            }
            context.releaseMemory(held.bytes());
            return Optional.of(held.batch());
        }

        private Held reserve(Batch batch) {
            long bytes = PlanExecutor.estimateBytes(batch);
            try {
                context.reserveMemory(bytes);
            } catch (RuntimeException e) {
                // a refused reservation is counted all the same
                context.releaseMemory(bytes);
                throw e;
            }
            return new Held(batch, bytes);
        }

        /** Releases each running shard's output once it arrives (unread). */
        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            for (CompletableFuture<Held> shard : running) {
                shard.thenAccept(held -> context.releaseMemory(held.bytes()));
            }
            running.clear();
        }
    }
}
