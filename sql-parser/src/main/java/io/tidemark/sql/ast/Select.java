package io.tidemark.sql.ast;

import java.util.List;
import java.util.Objects;

/** The select list; {@code SELECT ALL} is the same as plain {@code SELECT}. */
public record Select(SourceLocation location, boolean distinct, List<SelectItem> items) implements Node {

    public Select {
        Objects.requireNonNull(location, "location");
        items = List.copyOf(items);
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitSelect(this, context);
    }

    @Override
    public List<Node> children() {
        return ChildNodes.of(items);
    }
}
