package io.tidemark.engine.query.plan;

import io.tidemark.engine.query.expression.EvalContext;
import io.tidemark.engine.query.operator.HashAggregation;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.sql.type.SqlType;
import java.util.ArrayList;
import java.util.List;

/**
 * Grouped aggregation over input whose first {@code keyTypes.size()} channels are the group keys:
 * SINGLE (raw rows in, results out) or FINAL (merges the PARTIAL states fragments produced).
 * Output: the keys, then one column per call.
 */
record AggregateNode(PlanNode source, HashAggregation.Step step, List<SqlType> keyTypes, List<HashAggregation.AggregateCall> calls,
        List<String> keyTexts, List<String> callTexts) implements PlanNode {

    AggregateNode {
        keyTypes = List.copyOf(keyTypes);
        calls = List.copyOf(calls);
        keyTexts = List.copyOf(keyTexts);
        callTexts = List.copyOf(callTexts);
    }

    @Override
    public List<SqlType> outputTypes() {
        List<SqlType> types = new ArrayList<>(keyTypes);
        calls.forEach(call -> types.add(call.function().returnType()));
        return types;
    }

    @Override
    public List<PlanNode> sources() {
        return List.of(source);
    }

    @Override
    public String describe(EvalContext eval) {
        return describe(step, keyTexts, callTexts);
    }

    static String describe(HashAggregation.Step step, List<String> keyTexts, List<String> callTexts) {
        String keys = keyTexts.isEmpty() ? "" : "keys=[" + String.join(", ", keyTexts) + "]" + (callTexts.isEmpty() ? "" : ", ");
        return "Aggregate(" + step + ")[" + keys + String.join(", ", callTexts) + "]";
    }

    @Override
    public Batch execute(PlanExecutor executor) {
        Batch input = executor.run(source);
        HashAggregation aggregation = new HashAggregation(step, keyChannels(keyTypes.size()), keyTypes, calls, executor.context());
        aggregation.add(input);
        return aggregation.finish();
    }

    static List<Integer> keyChannels(int count) {
        List<Integer> channels = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            channels.add(i);
        }
        return channels;
    }
}
