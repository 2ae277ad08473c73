package io.tidemark.engine.query.plan;

import io.tidemark.engine.EngineException;
import io.tidemark.engine.query.aggregate.AggregateFunction;
import io.tidemark.engine.query.expression.VectorExpression;
import io.tidemark.engine.query.function.BoundSignature;
import io.tidemark.engine.query.operator.HashAggregation;
import io.tidemark.engine.query.vector.SortKey;
import io.tidemark.sql.analyzer.Analysis;
import io.tidemark.sql.analyzer.Field;
import io.tidemark.sql.analyzer.TreeEquality;
import io.tidemark.sql.ast.Expression;
import io.tidemark.sql.ast.FunctionCall;
import io.tidemark.sql.ast.SortItem;
import io.tidemark.sql.function.ResolvedFunction;
import io.tidemark.sql.type.SqlType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The GROUP BY step of a query specification: the projection it aggregates (group keys first,
 * then each call's coerced arguments and FILTER mask, then the ORDER BY keys of ordered
 * aggregates), the bound aggregate calls, the layout of its output (keys then one result per call)
 * for compiling HAVING, windows and the select list, and the order its input must arrive in.
 *
 * <p>An ordered aggregate ({@code array_agg(x ORDER BY time)}) sees its input in that order: the
 * accumulators add rows in arrival order, so the projected rows are sorted by the ORDER BY keys
 * before one SINGLE step aggregates them (partial states from fragments would merge in shard
 * order, so such queries are not split). Every ordered aggregate of a query must use the same
 * ORDER BY.
 */
record AggregationPlan(List<VectorExpression> projection, List<String> projectionTexts, List<SqlType> keyTypes,
        List<HashAggregation.AggregateCall> calls, List<String> keyTexts, List<String> callTexts, Layout output,
        List<SortKey> inputOrder, List<String> inputOrderTexts) {

    static AggregationPlan of(PlanBuilder builder, List<Expression> keys, List<FunctionCall> aggregates, Layout input) {
        Analysis analysis = builder.analysis();
        List<VectorExpression> projection = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        List<SqlType> keyTypes = new ArrayList<>();
        List<String> keyTexts = new ArrayList<>();
        List<Field> outputFields = new ArrayList<>();
        for (Expression key : keys) {
            VectorExpression compiled = builder.compile(key, input);
            projection.add(compiled);
            keyTypes.add(compiled.type());
            keyTexts.add(PlanBuilder.sql(key));
            texts.add(PlanBuilder.sql(key));
            outputFields.add(analysis.columnReference(key).filter(f -> !analysis.isOuterReference(key)).orElse(null));
        }
        List<HashAggregation.AggregateCall> calls = new ArrayList<>();
        List<String> callTexts = new ArrayList<>();
        for (FunctionCall call : aggregates) {
            ResolvedFunction resolved = analysis.function(call).orElseThrow();
            List<Integer> arguments = new ArrayList<>();
            for (int i = 0; i < call.arguments().size(); i++) {
                arguments.add(projection.size());
                projection.add(CoercedExpression.of(builder.compile(call.arguments().get(i), input), resolved.argumentTypes().get(i)));
                texts.add(PlanBuilder.sql(call.arguments().get(i)));
            }
            Optional<Integer> mask = Optional.empty();
            if (call.filter().isPresent()) {
                mask = Optional.of(projection.size());
                projection.add(builder.compile(call.filter().get(), input));
                texts.add(PlanBuilder.sql(call.filter().get()));
            }
            calls.add(new HashAggregation.AggregateCall(bind(builder, call, resolved), arguments, mask));
            callTexts.add(PlanBuilder.sql(call));
            outputFields.add(null);
        }
        List<SortKey> inputOrder = new ArrayList<>();
        List<SortItem> orderItems = orderOfInput(aggregates);
        for (SortItem item : orderItems) {
            inputOrder.add(PlanBuilder.sortKey(item, projection.size()));
            projection.add(builder.compile(item.key(), input));
            texts.add(PlanBuilder.sql(item.key()));
        }
        Layout output = Layout.of(outputFields);
        for (int i = 0; i < keys.size(); i++) {
            output = output.withComputed(keys.get(i), i);
        }
        for (int i = 0; i < aggregates.size(); i++) {
            output = output.withComputed(aggregates.get(i), keys.size() + i);
        }
        return new AggregationPlan(projection, texts, keyTypes, calls, keyTexts, callTexts, output, inputOrder,
                PlanBuilder.sortTexts(orderItems));
    }

    /** The ORDER BY the ordered aggregates among {@code aggregates} share (empty without one). */
    private static List<SortItem> orderOfInput(List<FunctionCall> aggregates) {
        List<SortItem> order = List.of();
        for (FunctionCall call : aggregates) {
            if (call.orderBy().isEmpty()) {
                continue;
            }
            if (order.isEmpty()) {
                order = call.orderBy();
            } else if (!TreeEquality.same(order, call.orderBy())) {
                throw EngineException.validation(PlanBuilder.at(call) + "cannot order the inputs of aggregates differently in one query: "
                        + PlanBuilder.sql(call) + " orders by " + String.join(", ", PlanBuilder.sortTexts(call.orderBy()))
                        + ", another aggregate by " + String.join(", ", PlanBuilder.sortTexts(order)));
            }
        }
        return order;
    }

    /** True if an aggregate orders its input, so the aggregation cannot be split into partial and final steps. */
    boolean ordered() {
        return !inputOrder.isEmpty();
    }

    private static AggregateFunction bind(PlanBuilder builder, FunctionCall call, ResolvedFunction resolved) {
        String name = resolved.signature().name().toLowerCase(java.util.Locale.ROOT);
        BoundSignature signature = new BoundSignature(name, resolved.argumentTypes(), resolved.returnType());
        return builder.aggregates().bind(signature, call.distinct()).orElseThrow(() -> EngineException.validation(PlanBuilder.at(call)
                + "Aggregate function '" + name + "' is not implemented for (" + String.join(", ",
                        resolved.argumentTypes().stream().map(SqlType::displayName).toList()) + ")"));
    }

    /** The single-step aggregation over {@code source} (whose channels {@link #projection} reads). */
    PlanNode single(PlanNode source) {
        PlanNode input = new ProjectNode(source, projection, projectionTexts);
        if (ordered()) {
            input = new SortNode(input, inputOrder, inputOrderTexts);
        }
        return new AggregateNode(input, HashAggregation.Step.SINGLE, keyTypes, calls, keyTexts, callTexts);
    }

    /** The fragment's PARTIAL step. */
    TablePipeline.PartialAggregation partial() {
        return new TablePipeline.PartialAggregation(keyTypes, calls, keyTexts, callTexts);
    }

    /** The FINAL step merging the partial states a remote fragment returns. */
    PlanNode last(PlanNode remote) {
        return new AggregateNode(remote, HashAggregation.Step.FINAL, keyTypes, calls, keyTexts, callTexts);
    }
}
