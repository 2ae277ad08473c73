package io.tidemark.engine.query.operator;

import io.tidemark.engine.query.QueryContext;
import io.tidemark.engine.query.aggregate.Accumulator;
import io.tidemark.engine.query.aggregate.AggregateFunction;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.sql.type.SqlType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * GROUP BY with aggregates: a {@link GroupByHash} over the key columns gives each row its group
 * id, and each call's {@link Accumulator} folds the rows of a batch into their groups in one call.
 * Runs in one of three steps: {@link Step#SINGLE} (raw rows to final values), {@link Step#PARTIAL}
 * (raw rows to intermediate states, in a fragment where the data lives) and {@link Step#FINAL}
 * (intermediate states merged to final values). Without keys it is a global aggregation, which
 * yields exactly one row even without input.
 */
public final class HashAggregation {

    public enum Step { SINGLE, PARTIAL, FINAL }

    /**
     * One aggregate of the query.
     *
     * @param argumentChannels where the arguments are in the input (raw steps only)
     * @param maskChannel a boolean column ({@code FILTER (WHERE …)}); rows where it is not true are skipped by this call
     */
    public record AggregateCall(AggregateFunction function, List<Integer> argumentChannels, Optional<Integer> maskChannel) {
        public AggregateCall {
            Objects.requireNonNull(function, "function");
            argumentChannels = List.copyOf(argumentChannels);
            Objects.requireNonNull(maskChannel, "maskChannel");
        }
    }

    private final Step step;
    private final List<Integer> keyChannels;
    private final List<SqlType> keyTypes;
    private final List<AggregateCall> calls;
    private final QueryContext context;
    private final GroupByHash groups;
    private final Accumulator[] accumulators;
    /** Where each call's intermediate vectors start in a FINAL input row. */
    private final int[] intermediateOffsets;

    public HashAggregation(Step step, List<Integer> keyChannels, List<SqlType> keyTypes, List<AggregateCall> calls, QueryContext context) {
        if (step != Step.FINAL && keyChannels.size() != keyTypes.size()) {
            throw new IllegalArgumentException("cannot aggregate: " + keyChannels.size() + " key channels but " + keyTypes.size() + " key types");
        }
        this.step = Objects.requireNonNull(step, "step");
        this.keyChannels = List.copyOf(keyChannels);
        this.keyTypes = List.copyOf(keyTypes);
        this.calls = List.copyOf(calls);
        this.context = context;
        this.groups = new GroupByHash(this.keyTypes, 1024, context);
        this.accumulators = new Accumulator[this.calls.size()];
        this.intermediateOffsets = new int[this.calls.size()];
        int offset = this.keyTypes.size();
        for (int c = 0; c < accumulators.length; c++) {
            accumulators[c] = this.calls.get(c).function().newAccumulator();
            intermediateOffsets[c] = offset;
            offset += this.calls.get(c).function().intermediateTypes().size();
        }
    }

    public void add(Batch batch) {
        context.checkRunning();
        int rows = batch.rowCount();
        if (rows == 0) {
            return;
        }
        int[] groupIds = groupIds(batch);
        int groupCount = groupCount();
        for (int c = 0; c < accumulators.length; c++) {
            if (step == Step.FINAL) {
                accumulators[c].merge(groupIds, groupCount, intermediates(batch, c), rows);
            } else {
                addRaw(c, batch, groupIds, groupCount);
            }
        }
    }

    private int[] groupIds(Batch batch) {
        Vector[] keys = new Vector[keyTypes.size()];
        for (int k = 0; k < keys.length; k++) {
            keys[k] = batch.column(step == Step.FINAL ? k : keyChannels.get(k));
        }
        return groups.groupIds(keys, batch.rowCount());
    }

    private void addRaw(int call, Batch batch, int[] groupIds, int groupCount) {
        AggregateCall aggregateCall = calls.get(call);
        List<Integer> channels = aggregateCall.argumentChannels();
        Vector[] arguments = new Vector[channels.size()];
        for (int a = 0; a < arguments.length; a++) {
            arguments[a] = batch.column(channels.get(a));
        }
        int rows = batch.rowCount();
        if (aggregateCall.maskChannel().isEmpty()) {
            accumulators[call].add(groupIds, groupCount, arguments, rows);
            return;
        }
        int[] kept = Filter.truePositions(batch.column(aggregateCall.maskChannel().get()), rows);
        if (kept.length == 0) {
            return;
        }
        if (kept.length == rows) {
            accumulators[call].add(groupIds, groupCount, arguments, rows);
            return;
        }
        int[] keptGroupIds = new int[kept.length];
        for (int i = 0; i < kept.length; i++) {
            keptGroupIds[i] = groupIds[kept[i]];
        }
        for (int a = 0; a < arguments.length; a++) {
            arguments[a] = arguments[a].select(kept, kept.length);
        }
        accumulators[call].add(keptGroupIds, groupCount, arguments, kept.length);
    }

    private Vector[] intermediates(Batch batch, int call) {
        Vector[] states = new Vector[calls.get(call).function().intermediateTypes().size()];
        for (int s = 0; s < states.length; s++) {
            states[s] = batch.column(intermediateOffsets[call] + s);
        }
        return states;
    }

    /** A global aggregation always has its one group, input or not. */
    private int groupCount() {
        return keyTypes.isEmpty() ? 1 : groups.groupCount();
    }

    /** The key columns, then per call its result (SINGLE, FINAL) or its intermediate states (PARTIAL); releases the table. */
    public Batch finish() {
        context.checkRunning();
        int groupCount = groupCount();
        List<Vector> columns = new ArrayList<>(Arrays.asList(groups.keys()));
        for (Accumulator accumulator : accumulators) {
            if (step == Step.PARTIAL) {
                columns.addAll(Arrays.asList(accumulator.intermediate(groupCount)));
            } else {
                columns.add(accumulator.result(groupCount));
            }
        }
        groups.close();
        return new Batch(columns, groupCount);
    }

    public List<SqlType> outputTypes() {
        List<SqlType> types = new ArrayList<>(keyTypes);
        for (AggregateCall call : calls) {
            if (step == Step.PARTIAL) {
                types.addAll(call.function().intermediateTypes());
            } else {
                types.add(call.function().returnType());
            }
        }
        return types;
    }

    /** The type each FINAL input channel must have: the keys, then each call's intermediate types. */
    public List<SqlType> finalInputTypes() {
        List<SqlType> types = new ArrayList<>(keyTypes);
        for (AggregateCall call : calls) {
            types.addAll(call.function().intermediateTypes());
        }
        return types;
    }
}
