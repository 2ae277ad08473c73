package io.tidemark.engine.query.function;

import io.tidemark.engine.query.vector.Values;
import io.tidemark.sql.type.ArrayType;
import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.sql.type.SqlType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The set functions over arrays (TIMESTREAM.md §4.9): {@code array_distinct},
 * {@code array_intersect}, {@code array_union}, {@code array_except} and {@code arrays_overlap}.
 * Results keep the order of first appearance and hold no duplicates; elements are equal as
 * {@link Values#equal} says, and a null element is one more distinct value, as in Trino.
 */
public final class ArraySetFunctions implements FunctionGroup {

    @Override
    public void register(ScalarFunctionRegistry.Builder registry) {
        registry.add("array_distinct", signature -> unary(signature, (type, array) -> union(type, array, List.of())));
        registry.add("array_union", signature -> binary(signature, ArraySetFunctions::union));
        registry.add("array_intersect", signature -> binary(signature, (type, left, right) -> {
            ElementSet wanted = ElementSet.of(type, right);
            ElementSet seen = new ElementSet(type);
            List<Object> result = new ArrayList<>();
            for (Object element : left) {
                if (wanted.contains(element) && seen.add(element)) {
                    result.add(element);
                }
            }
            return result;
        }));
        registry.add("array_except", signature -> binary(signature, (type, left, right) -> {
            ElementSet seen = ElementSet.of(type, right);
            List<Object> result = new ArrayList<>();
            for (Object element : left) {
                if (seen.add(element)) {
                    result.add(element);
                }
            }
            return result;
        }));
        registry.add("arrays_overlap", signature -> {
            SqlType type = comparableArrays(signature, 2);
            return type == null ? null : FunctionSupport.rowWise(PrimitiveType.BOOLEAN, row -> overlap(type, (List<?>) row[0], (List<?>) row[1]));
        });
    }

    /** True if the arrays share a non-null element; null if they do not but one holds a null; else false. */
    static Boolean overlap(SqlType type, List<?> left, List<?> right) {
        List<?> smaller = left.size() <= right.size() ? left : right;
        List<?> larger = smaller == left ? right : left;
        ElementSet set = ElementSet.of(type, smaller);
        boolean sawNull = set.containsNull;
        for (Object element : larger) {
            if (element == null) {
                sawNull = true;
            } else if (set.contains(element)) {
                return true;
            }
        }
        return sawNull ? null : false;
    }

    private static List<Object> union(SqlType type, List<?> left, List<?> right) {
        ElementSet seen = new ElementSet(type);
        List<Object> result = new ArrayList<>();
        for (List<?> array : List.of(left, right)) {
            for (Object element : array) {
                if (seen.add(element)) {
                    result.add(element);
                }
            }
        }
        return result;
    }

    private interface UnaryOp {
        List<Object> apply(SqlType elementType, List<?> array);
    }

    private interface BinaryOp {
        List<Object> apply(SqlType elementType, List<?> left, List<?> right);
    }

    private static ScalarFunction unary(BoundSignature signature, UnaryOp op) {
        SqlType element = comparableArrays(signature, 1);
        return element == null ? null : FunctionSupport.rowWise(signature.returnType(), row -> op.apply(element, (List<?>) row[0]));
    }

    private static ScalarFunction binary(BoundSignature signature, BinaryOp op) {
        SqlType element = comparableArrays(signature, 2);
        return element == null ? null
                : FunctionSupport.rowWise(signature.returnType(), row -> op.apply(element, (List<?>) row[0], (List<?>) row[1]));
    }

    /** The element type when the call has {@code count} arguments, all the same array of a comparable type; else null. */
    private static SqlType comparableArrays(BoundSignature signature, int count) {
        List<SqlType> arguments = signature.argumentTypes();
        if (arguments.size() != count || !(arguments.get(0) instanceof ArrayType array) || !array.elementType().isComparable()
                || !arguments.stream().allMatch(array::equals)) {
            return null;
        }
        return array.elementType();
    }

    /** A set of array elements under SQL equality, null included as a value. */
    static final class ElementSet {
        private final SqlType type;
        private final Set<Element> elements = new HashSet<>();
        private boolean containsNull;

        ElementSet(SqlType type) {
            this.type = type;
        }

        static ElementSet of(SqlType type, List<?> values) {
            ElementSet set = new ElementSet(type);
            values.forEach(set::add);
            return set;
        }

        /** Adds the element; true if it was not there yet. */
        boolean add(Object value) {
            if (value == null) {
                boolean added = !containsNull;
                containsNull = true;
                return added;
            }
            return elements.add(new Element(type, value));
        }

        boolean contains(Object value) {
            return value == null ? containsNull : elements.contains(new Element(type, value));
        }
    }

    /** A non-null element with SQL equality and a matching hash. */
    private record Element(SqlType type, Object value) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Element element && Values.equal(type, value, element.value);
        }

        @Override
        public int hashCode() {
            return Values.hash(type, value);
        }
    }
}
