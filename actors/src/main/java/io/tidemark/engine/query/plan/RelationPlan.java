package io.tidemark.engine.query.plan;

/** A planned relation: the node producing its rows and what each output channel holds. */
record RelationPlan(PlanNode node, Layout layout) {
}
