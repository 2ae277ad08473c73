package io.tidemark.engine.query.plan;

import io.tidemark.engine.query.expression.EvalContext;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.sql.type.SqlType;
import java.util.List;

/**
 * One step of an executable plan. Each node knows the types of the columns it produces, its
 * inputs, its EXPLAIN line, and how to compute its whole output from its inputs' outputs (the
 * final part of a plan is materialized node by node; a fragment streams inside its sinks).
 */
sealed interface PlanNode permits RemoteSourceNode, FilterNode, ProjectNode, AggregateNode, WindowNode, SortNode, TopNNode,
        LimitNode, DistinctNode, JoinNode, SetOperationNode, ValuesNode, UnnestNode, SharedNode, SingleRowNode, OutputNode {

    List<SqlType> outputTypes();

    List<PlanNode> sources();

    /** The node's EXPLAIN line, e.g. {@code Filter[(usage_user > 90)]}; {@code eval} gives constants their values. */
    String describe(EvalContext eval);

    /** Lines EXPLAIN prints under this node, each one level deeper than the previous (a fragment's steps). */
    default List<String> details() {
        return List.of();
    }

    /** Computes the output; inputs come from {@link PlanExecutor#run}. */
    Batch execute(PlanExecutor executor);
}
