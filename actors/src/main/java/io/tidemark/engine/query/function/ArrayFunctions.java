package io.tidemark.engine.query.function;

import static io.tidemark.sql.type.PrimitiveType.BIGINT;
import static io.tidemark.sql.type.PrimitiveType.BOOLEAN;
import static io.tidemark.sql.type.PrimitiveType.VARCHAR;

import io.tidemark.engine.query.vector.Values;
import io.tidemark.sql.type.ArrayType;
import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.sql.type.SqlType;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Array functions other than the set operations and {@code sequence} (TIMESTREAM.md §4.9), with
 * Trino's rules for nulls and indices: 1-based, negative counts from the end, index 0 an error.
 * Arrays are boxed lists (see {@link io.tidemark.engine.query.vector.Storage}), so these run row
 * by row on the boxed values.
 */
public final class ArrayFunctions implements FunctionGroup {

    /** Trino's ceiling on {@code repeat}'s count. */
    static final long MAX_REPEAT = 10_000;

    private static final DateTimeFormatter TIMESTAMP_TEXT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSSSS");

    @Override
    public void register(ScalarFunctionRegistry.Builder registry) {
        registry.add("cardinality", signature -> arrayArgument(signature, 1) == null ? null
                : (arguments, rowCount, context) -> {
                    Object[] arrays = arguments[0].objects();
                    return NumericLoops.longsByRow(BIGINT, row -> ((List<?>) arrays[row]).size(), rowCount, arguments[0].nullMask());
                });
        registry.add("element_at", signature -> arrayArgument(signature, 2) == null || !signature.argumentTypes().get(1).equals(BIGINT) ? null
                : FunctionSupport.rowWise(signature.returnType(), row -> elementAt((List<?>) row[0], (Long) row[1])));
        registry.add("contains", signature -> withElement(signature, BOOLEAN, ArrayFunctions::contains));
        registry.add("array_position", signature -> withElement(signature, BIGINT, ArrayFunctions::position));
        registry.add("array_remove", signature -> withElement(signature, signature.returnType(), ArrayFunctions::remove));
        registry.add("array_max", signature -> extreme(signature, 1));
        registry.add("array_min", signature -> extreme(signature, -1));
        registry.add("array_sort", signature -> {
            SqlType element = arrayArgument(signature, 1);
            return element == null || !element.isOrderable() ? null
                    : FunctionSupport.rowWise(signature.returnType(), row -> sorted(element, (List<?>) row[0]));
        });
        registry.add("array_join", ArrayFunctions::bindJoin);
        registry.add("reverse", signature -> arrayArgument(signature, 1) == null ? null
                : FunctionSupport.rowWise(signature.returnType(), row -> {
                    List<Object> reversed = new ArrayList<>((List<?>) row[0]);
                    Collections.reverse(reversed);
                    return reversed;
                }));
        registry.add("shuffle", signature -> arrayArgument(signature, 1) == null ? null
                : FunctionSupport.rowWise(signature.returnType(), row -> {
                    List<Object> shuffled = new ArrayList<>((List<?>) row[0]);
                    Collections.shuffle(shuffled, ThreadLocalRandom.current());
                    return shuffled;
                }));
        registry.add("slice", signature -> arrayArgument(signature, 3) == null ? null
                : FunctionSupport.rowWise(signature.returnType(), row -> slice((List<?>) row[0], (Long) row[1], (Long) row[2])));
        registry.add("repeat", signature -> !ArgumentTypes.count(signature, 2) || !signature.argumentTypes().get(1).equals(BIGINT) ? null
                : FunctionSupport.rowWiseWithNulls(signature.returnType(), row -> row[1] == null ? null : repeat(row[0], (Long) row[1])));
        registry.add("flatten", signature -> arrayArgument(signature, 1) == null ? null
                : FunctionSupport.rowWise(signature.returnType(), row -> {
                    List<Object> flat = new ArrayList<>();
                    for (Object inner : (List<?>) row[0]) {
                        if (inner != null) {
                            flat.addAll((List<?>) inner);
                        }
                    }
                    return flat;
                }));
        registry.add("zip", signature -> signature.argumentTypes().size() < 2
                || !signature.argumentTypes().stream().allMatch(type -> type instanceof ArrayType) ? null
                : FunctionSupport.rowWise(signature.returnType(), ArrayFunctions::zip));
        registry.add("concat", ArrayFunctions::bindConcat);
    }

    static Object elementAt(List<?> array, long index) {
        if (index == 0) {
            throw new QueryFunctionException("SQL array indices start at 1");
        }
        long position = index > 0 ? index - 1 : array.size() + index;
        return position < 0 || position >= array.size() ? null : array.get((int) position);
    }

    /** True if found; otherwise null when the array holds a null (it might have been the element), else false. */
    static Boolean contains(SqlType type, List<?> array, Object element) {
        boolean sawNull = false;
        for (Object candidate : array) {
            if (candidate == null) {
                sawNull = true;
            } else if (Values.equal(type, candidate, element)) {
                return true;
            }
        }
        return sawNull ? null : false;
    }

    static long position(SqlType type, List<?> array, Object element) {
        for (int i = 0; i < array.size(); i++) {
            if (array.get(i) != null && Values.equal(type, array.get(i), element)) {
                return i + 1;
            }
        }
        return 0;
    }

    static List<Object> remove(SqlType type, List<?> array, Object element) {
        List<Object> kept = new ArrayList<>(array.size());
        for (Object candidate : array) {
            if (candidate == null || !Values.equal(type, candidate, element)) {
                kept.add(candidate);
            }
        }
        return kept;
    }

    /** Ascending, nulls last. */
    static List<Object> sorted(SqlType type, List<?> array) {
        List<Object> sorted = new ArrayList<>(array);
        sorted.sort(Comparator.nullsLast((left, right) -> Values.compare(type, left, right)));
        return sorted;
    }

    static List<Object> slice(List<?> array, long start, long length) {
        if (length < 0) {
            throw new QueryFunctionException("length must be greater than or equal to 0");
        }
        if (start == 0) {
            throw new QueryFunctionException("SQL array indices start at 1");
        }
        long from = start > 0 ? start : array.size() + start + 1;
        long to = Math.min(from + length, array.size() + 1L);
        if (from >= to || from < 1) {
            return new ArrayList<>();
        }
        return new ArrayList<>(array.subList((int) from - 1, (int) to - 1));
    }

    static List<Object> repeat(Object element, long count) {
        if (count < 0) {
            throw new QueryFunctionException("count argument of repeat function must be greater than or equal to 0");
        }
        if (count > MAX_REPEAT) {
            throw new QueryFunctionException("count argument of repeat function must be less than or equal to " + MAX_REPEAT);
        }
        return new ArrayList<>(Collections.nCopies((int) count, element));
    }

    private static List<Object> zip(Object[] arrays) {
        int length = 0;
        for (Object array : arrays) {
            length = Math.max(length, ((List<?>) array).size());
        }
        List<Object> rows = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            List<Object> fields = new ArrayList<>(arrays.length);
            for (Object array : arrays) {
                List<?> list = (List<?>) array;
                fields.add(i < list.size() ? list.get(i) : null);
            }
            rows.add(fields);
        }
        return rows;
    }

    /** array_max / array_min: null when the array is empty or holds a null; a NaN only when every element is NaN (as greatest/least). */
    private static ScalarFunction extreme(BoundSignature signature, int direction) {
        SqlType element = arrayArgument(signature, 1);
        if (element == null || !element.isOrderable()) {
            return null;
        }
        return FunctionSupport.rowWise(element, row -> {
            Object best = null;
            for (Object candidate : (List<?>) row[0]) {
                if (candidate == null) {
                    return null;
                }
                if (best == null || isNaN(best) || (!isNaN(candidate) && Values.compare(element, candidate, best) * direction > 0)) {
                    best = candidate;
                }
            }
            return best;
        });
    }

    private static boolean isNaN(Object value) {
        return value instanceof Double number && number.isNaN();
    }

    private static ScalarFunction bindJoin(BoundSignature signature) {
        List<SqlType> types = signature.argumentTypes();
        if (types.size() < 2 || types.size() > 3 || !(types.get(0) instanceof ArrayType array) || !isPrintable(array.elementType())
                || !types.subList(1, types.size()).stream().allMatch(VARCHAR::equals)) {
            return null;
        }
        SqlType element = array.elementType();
        return FunctionSupport.rowWise(VARCHAR, row -> {
            StringBuilder text = new StringBuilder();
            boolean first = true;
            for (Object value : (List<?>) row[0]) {
                if (value == null && row.length == 2) {
                    continue;
                }
                text.append(first ? "" : (String) row[1]).append(value == null ? (String) row[2] : print(element, value));
                first = false;
            }
            return text.toString();
        });
    }

    private static boolean isPrintable(SqlType type) {
        return type instanceof PrimitiveType primitive && primitive != PrimitiveType.TIME && !primitive.isInterval();
    }

    /** A value as {@code CAST(v AS varchar)} prints it. */
    private static String print(SqlType type, Object value) {
        if (type == PrimitiveType.TIMESTAMP) {
            long nanos = (Long) value;
            return LocalDateTime.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), (int) Math.floorMod(nanos, 1_000_000_000L), ZoneOffset.UTC)
                    .format(TIMESTAMP_TEXT);
        }
        if (type == PrimitiveType.DATE) {
            return LocalDate.ofEpochDay((Long) value).toString();
        }
        return String.valueOf(value);
    }

    /** {@code concat} of arrays, or of an array and one element on either side; null for varchar (another family's overload). */
    private static ScalarFunction bindConcat(BoundSignature signature) {
        if (!(signature.returnType() instanceof ArrayType result)) {
            return null;
        }
        List<SqlType> types = signature.argumentTypes();
        if (types.size() >= 1 && types.stream().allMatch(result::equals)) {
            return FunctionSupport.rowWise(result, row -> {
                List<Object> joined = new ArrayList<>();
                for (Object array : row) {
                    joined.addAll((List<?>) array);
                }
                return joined;
            });
        }
        if (types.size() == 2 && types.get(0).equals(result) && types.get(1).equals(result.elementType())) {
            return elementConcat(result, 0);
        }
        if (types.size() == 2 && types.get(1).equals(result) && types.get(0).equals(result.elementType())) {
            return elementConcat(result, 1);
        }
        return null;
    }

    /** Appends (array at 0) or prepends (array at 1) one element; a null element is kept, a null array gives null. */
    private static ScalarFunction elementConcat(ArrayType result, int arrayIndex) {
        return FunctionSupport.rowWiseWithNulls(result, row -> {
            List<?> array = (List<?>) row[arrayIndex];
            if (array == null) {
                return null;
            }
            List<Object> joined = new ArrayList<>(array.size() + 1);
            if (arrayIndex == 1) {
                joined.add(row[0]);
            }
            joined.addAll(array);
            if (arrayIndex == 0) {
                joined.add(row[1]);
            }
            return joined;
        });
    }

    /** The element type when the call has {@code count} arguments and the first is an array; else null. */
    static SqlType arrayArgument(BoundSignature signature, int count) {
        return ArgumentTypes.count(signature, count) && signature.argumentTypes().get(0) instanceof ArrayType array ? array.elementType() : null;
    }

    /** A search of an array for one element. */
    private interface ElementSearch {
        Object apply(SqlType elementType, List<?> array, Object element);
    }

    /** Binds {@code f(array(T), T)} for a comparable T; null for other argument types. */
    private static ScalarFunction withElement(BoundSignature signature, SqlType resultType, ElementSearch search) {
        SqlType element = arrayArgument(signature, 2);
        if (element == null || !element.isComparable() || !signature.argumentTypes().get(1).equals(element)) {
            return null;
        }
        return FunctionSupport.rowWise(resultType, row -> search.apply(element, (List<?>) row[0], row[1]));
    }
}
