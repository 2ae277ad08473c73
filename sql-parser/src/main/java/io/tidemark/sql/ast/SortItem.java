package io.tidemark.sql.ast;

import java.util.List;
import java.util.Objects;

/** One {@code ORDER BY} key. Without ASC/DESC the ordering is ascending; without NULLS the null ordering is {@link NullOrdering#UNDEFINED}. */
public record SortItem(SourceLocation location, Expression key, Ordering ordering, NullOrdering nullOrdering) implements Node {

    public SortItem {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(ordering, "ordering");
        Objects.requireNonNull(nullOrdering, "nullOrdering");
    }

    /** Sort direction; ascending when the query names none. */
    public enum Ordering { ASCENDING, DESCENDING }

    /** Where NULLs sort; UNDEFINED when the query does not say (the engine's default applies). */
    public enum NullOrdering { FIRST, LAST, UNDEFINED }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitSortItem(this, context);
    }

    @Override
    public List<Node> children() {
        return ChildNodes.of(key);
    }
}
