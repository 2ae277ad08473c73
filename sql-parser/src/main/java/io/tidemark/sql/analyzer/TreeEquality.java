package io.tidemark.sql.analyzer;

import io.tidemark.sql.ast.Identifier;
import io.tidemark.sql.ast.Node;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether two syntax trees say the same thing, ignoring source positions and the case of unquoted
 * names: how GROUP BY keys are matched against select expressions ({@code bin(time, 1m)} in the
 * select list is the grouped {@code BIN(time, 1m)}).
 */
public final class TreeEquality {

    /**
     * Each syntax tree record class's component accessors but {@code location}, typed
     * {@code (Object) -> Object}: looked up once per class, since the analyzer compares trees for
     * every select item and key of every query (reflective lookups and calls cost more than the
     * comparison).
     */
    private static final ClassValue<List<MethodHandle>> COMPONENTS = new ClassValue<>() {
        @Override
        protected List<MethodHandle> computeValue(Class<?> type) {
            List<MethodHandle> accessors = new ArrayList<>();
            MethodType erased = MethodType.methodType(Object.class, Object.class);
            for (RecordComponent component : type.getRecordComponents()) {
                if (component.getName().equals("location")) {
                    continue;
                }
                try {
                    accessors.add(MethodHandles.publicLookup().unreflect(component.getAccessor()).asType(erased));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot read a syntax tree component: type=" + type.getName()
                            + ", component=" + component.getName(), e);
                }
            }
            return List.copyOf(accessors);
        }
    };

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
        for (MethodHandle accessor : COMPONENTS.get(a.getClass())) {
            Object x;
            Object y;
            try {
                x = (Object) accessor.invokeExact(a);
                y = (Object) accessor.invokeExact(b);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException("cannot read a syntax tree component: type=" + a.getClass().getName(), e);
            }
            if (!same(x, y)) {
                return false;
            }
        }
        return true;
    }
}
