package io.tidemark.sql.function;

/** What a function is: evaluated per row, folded over a group, or computed over a window. */
public enum FunctionKind {
    /** A per-row function such as {@code abs}; an OVER clause is an error. */
    SCALAR,
    /** An aggregate such as {@code sum}; also usable with OVER as a window function. */
    AGGREGATE,
    /** A ranking or value window function such as {@code rank}; requires OVER. */
    WINDOW
}
