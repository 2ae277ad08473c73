package io.tidemark.sql.analyzer;

import io.tidemark.sql.ast.Identifier;
import io.tidemark.sql.ast.Node;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Optional;

/**
 * Whether two syntax trees say the same thing, ignoring source positions and the case of unquoted
 * names: how GROUP BY keys are matched against select expressions ({@code bin(time, 1m)} in the
 * select list is the grouped {@code BIN(time, 1m)}).
 */
public final class TreeEquality {

    private TreeEquality() {
    }

    public static boolean same(Object a, Object b) {
        if (a instanceof Identifier x && b instanceof Identifier y) {
            return x.delimited() || y.delimited() ? x.value().equals(y.value()) : x.value().equalsIgnoreCase(y.value());
        }
        if (a instanceof Node && b instanceof Node) {
            return a.getClass() == b.getClass() && sameComponents(a, b);
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!same(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Optional<?> x && b instanceof Optional<?> y) {
            return x.isPresent() == y.isPresent() && (x.isEmpty() || same(x.get(), y.get()));
        }
        return java.util.Objects.equals(a, b);
    }

    private static boolean sameComponents(Object a, Object b) {
        for (RecordComponent component : a.getClass().getRecordComponents()) {
            if (component.getName().equals("location")) {
                continue;
            }
            try {
                if (!same(component.getAccessor().invoke(a), component.getAccessor().invoke(b))) {
                    return false;
                }
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read a syntax tree component: component=" + component.getName(), e);
            }
        }
        return true;
    }
}
