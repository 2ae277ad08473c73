package io.tidemark.sql.ast;

/** The body of a {@link Query}: a SELECT block, a set operation, VALUES or a nested query. */
public sealed interface QueryBody extends Node
        permits QuerySpecification, SetOperation, Values, NestedQuery {
}
