package io.tidemark.sql.parser;

import io.tidemark.sql.ast.Node;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Compares two syntax trees component by component, ignoring every {@code location}. It walks
 * with an explicit stack in linear time, so it copes with the very wide and very deep trees of
 * the pathological tests.
 */
final class TreeComparison {

    private TreeComparison() {
    }

    /** The path to the first difference, or empty when the trees are equal ignoring locations. */
    static Optional<String> firstDifference(Object expected, Object actual) {
        Deque<Object[]> pending = new ArrayDeque<>();
        pending.push(new Object[] {expected, actual, "root"});
        while (!pending.isEmpty()) {
            Object[] pair = pending.pop();
            Object left = pair[0];
            Object right = pair[1];
            String path = (String) pair[2];
            if (left instanceof Node && right instanceof Node) {
                if (left.getClass() != right.getClass()) {
                    return Optional.of(path + ": " + left.getClass().getSimpleName() + " vs "
                            + right.getClass().getSimpleName());
                }
                for (RecordComponent component : left.getClass().getRecordComponents()) {
                    if (!component.getName().equals("location")) {
                        pending.push(new Object[] {value(component, left), value(component, right),
                                path + "." + component.getName()});
                    }
                }
            } else if (left instanceof List<?> && right instanceof List<?>) {
                List<?> leftList = (List<?>) left;
                List<?> rightList = (List<?>) right;
                if (leftList.size() != rightList.size()) {
                    return Optional.of(path + ": size " + leftList.size() + " vs " + rightList.size());
                }
                for (int i = 0; i < leftList.size(); i++) {
                    pending.push(new Object[] {leftList.get(i), rightList.get(i), path + "[" + i + "]"});
                }
            } else if (left instanceof Optional<?> && right instanceof Optional<?>) {
                pending.push(new Object[] {((Optional<?>) left).orElse(null), ((Optional<?>) right).orElse(null), path});
            } else if (!Objects.equals(left, right)) {
                return Optional.of(path + ": " + left + " vs " + right);
            }
        }
        return Optional.empty();
    }

    private static Object value(RecordComponent component, Object record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component.getName() + " of " + record.getClass(), e);
        }
    }
}
