package io.tidemark.sql.ast;

/** One item of a select list. */
public sealed interface SelectItem extends Node
        permits AllColumns, SingleColumn {
}
