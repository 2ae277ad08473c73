package io.tidemark.sql.ast;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Builds a node's {@link Node#children()} list from its components. */
final class ChildNodes {

    private ChildNodes() {
    }

    /** Flattens nodes, optional nodes and lists of nodes, in order, into one list. */
    static List<Node> of(Object... components) {
        List<Node> children = new ArrayList<>();
        for (Object component : components) {
            if (component instanceof Node) {
                children.add((Node) component);
            } else if (component instanceof Optional<?>) {
                ((Optional<?>) component).ifPresent(value -> children.add((Node) value));
            } else if (component instanceof Collection<?>) {
                for (Object value : (Collection<?>) component) {
                    children.add((Node) value);
                }
            }
        }
        return List.copyOf(children);
    }
}
