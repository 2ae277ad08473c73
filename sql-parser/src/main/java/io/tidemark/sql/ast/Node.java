package io.tidemark.sql.ast;

import java.util.List;

/**
 * A node of the syntax tree: an immutable record that knows where in the SQL text it starts.
 * Records compare every component including the location; tests that compare trees ignore
 * {@code location} (see the parser's round-trip tests).
 */
public sealed interface Node
        permits DataType, DataTypeParameter, Expression, JoinCriteria, QueryBody, Relation, SelectItem, Statement, Property, WithQuery, SortItem, Select, GroupBy, QualifiedName, Window, WindowFrame, FrameBound, WhenClause, RowField {

    /** Where the node starts in the SQL text. */
    SourceLocation location();

    <R, C> R accept(AstVisitor<R, C> visitor, C context);

    /** The direct child nodes, in source order; the basis of generic traversals. */
    List<Node> children();
}
