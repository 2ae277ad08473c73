package io.tidemark.engine.query.plan;

import io.tidemark.engine.query.expression.EvalContext;
import io.tidemark.engine.query.fragment.remote.BatchWire;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.sql.type.SqlType;
import java.util.List;
import java.util.concurrent.CompletionException;

/**
 * The boundary between the final part and a fragment: runs {@code pipeline} over the table on
 * every shard through the execution's fragment runner (on the node owning each shard, unless the
 * pipeline's output has a type that cannot cross nodes) and gathers the outputs (the
 * consumer merges them: a FINAL aggregation, a top-N, or plain rows).
 */
record RemoteSourceNode(TableScan scan, TablePipeline pipeline) implements PlanNode {

    @Override
    public List<SqlType> outputTypes() {
        return pipeline.outputTypes();
    }

    @Override
    public List<PlanNode> sources() {
        return List.of();
    }

    @Override
    public String describe(EvalContext eval) {
        boolean shippable = pipeline.outputTypes().stream().allMatch(BatchWire::carries);
        return "RemoteFragment[" + scan.describe(eval) + "]   -- runs on "
                + (shippable ? "the node owning each shard" : "this node over every shard's chunks (object states)");
    }

    @Override
    public List<String> details() {
        return pipeline.describe();
    }

    @Override
    public Batch execute(PlanExecutor executor) {
        List<Batch> outputs;
        try {
            outputs = executor.runner().run(scan.request(executor.eval()), pipeline, executor.context()).toCompletableFuture().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw e;
        }
        return Batch.concat(outputs, outputTypes());
    }
}
