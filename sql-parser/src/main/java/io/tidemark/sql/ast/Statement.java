package io.tidemark.sql.ast;

/** A statement: a query or one of the SHOW/DESCRIBE/EXPLAIN/UNLOAD commands. */
public sealed interface Statement extends Node
        permits Query, Explain, ShowDatabases, ShowTables, ShowMeasures, Describe, Unload {
}
