/**
 * The query planner: {@link io.tidemark.engine.query.plan.Planner} turns an analyzed query (or
 * {@code EXPLAIN} of one) into a {@link io.tidemark.engine.query.plan.StatementPlan}.
 *
 * <p>A plan is a tree of {@code PlanNode} records. Each catalog table the query reads becomes a
 * {@code RemoteSourceNode}: a {@code TableScan} (the referenced columns, the time bounds and
 * measure_name/dimension values of the WHERE clause, evaluated when the query runs) and a
 * {@code TablePipeline}, the {@link io.tidemark.engine.query.fragment.FragmentPipeline} every shard
 * runs batch by batch — the WHERE filter, then a PARTIAL aggregation, a top-N, or the columns read
 * after WHERE. Everything above it is the final part, run node by node over materialized batches
 * by a {@code PlanExecutor}, which reserves each intermediate result's memory in the
 * {@link io.tidemark.engine.query.QueryContext} until its consumer is done.
 *
 * <p>Planning follows SQL's clause order ({@code SpecificationPlanner}); FROM items are planned by
 * {@code RelationPlanner} and {@code JoinPlanner}; expressions are compiled by the expression
 * compiler against a {@code Layout} (what each channel holds), and subqueries inside expressions
 * are planned and run by {@code Subqueries}, once per execution or once per binding of the outer
 * values a correlated one reads.
 */
package io.tidemark.engine.query.plan;
