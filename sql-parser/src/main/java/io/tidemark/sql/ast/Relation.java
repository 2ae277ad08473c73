package io.tidemark.sql.ast;

/** A relation of a FROM clause. */
public sealed interface Relation extends Node
        permits Table, AliasedRelation, Join, TableSubquery, Unnest {
}
