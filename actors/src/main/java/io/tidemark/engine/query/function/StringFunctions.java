package io.tidemark.engine.query.function;

import static io.tidemark.sql.type.PrimitiveType.BIGINT;
import static io.tidemark.sql.type.PrimitiveType.BOOLEAN;
import static io.tidemark.sql.type.PrimitiveType.INTEGER;
import static io.tidemark.sql.type.PrimitiveType.VARCHAR;

import io.tidemark.engine.query.vector.Vector;
import io.tidemark.sql.type.ArrayType;
import io.tidemark.sql.type.SqlType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The string functions of TIMESTREAM.md §4.7 over varchar, plus {@code typeof}. Positions and
 * lengths count Unicode code points, 1-based, as Trino does (a character outside the BMP is one
 * character, not two Java chars). A null argument gives null. The array overloads of
 * {@code concat} and {@code reverse} belong to the array functions.
 */
public final class StringFunctions implements FunctionGroup {

    private static final ArrayType ARRAY_OF_VARCHAR = new ArrayType(VARCHAR);

    @Override
    public void register(ScalarFunctionRegistry.Builder registry) {
        registry.add("typeof", signature -> signature.argumentTypes().size() != 1 ? null
                : (arguments, rowCount, context) -> Vector.constant(VARCHAR, signature.argumentTypes().get(0).displayName(), rowCount));
        registry.add("concat", Overloads.repeated(VARCHAR, FunctionSupport.rowWise(VARCHAR, StringFunctions::concat)));

        unary(registry, "chr", BIGINT, VARCHAR, value -> chr((Long) value));
        unary(registry, "codepoint", VARCHAR, INTEGER, value -> codepoint((String) value));
        unary(registry, "length", VARCHAR, BIGINT, value -> (long) codePoints((String) value));
        unary(registry, "lower", VARCHAR, VARCHAR, value -> ((String) value).toLowerCase(Locale.ROOT));
        unary(registry, "upper", VARCHAR, VARCHAR, value -> ((String) value).toUpperCase(Locale.ROOT));
        unary(registry, "ltrim", VARCHAR, VARCHAR, value -> trim((String) value, true, false));
        unary(registry, "rtrim", VARCHAR, VARCHAR, value -> trim((String) value, false, true));
        unary(registry, "trim", VARCHAR, VARCHAR, value -> trim((String) value, true, true));
        unary(registry, "reverse", VARCHAR, VARCHAR, value -> new StringBuilder((String) value).reverse().toString());

        function(registry, "hamming_distance", List.of(VARCHAR, VARCHAR), BIGINT, row -> hammingDistance((String) row[0], (String) row[1]));
        function(registry, "levenshtein_distance", List.of(VARCHAR, VARCHAR), BIGINT,
                row -> levenshteinDistance((String) row[0], (String) row[1]));
        function(registry, "lpad", List.of(VARCHAR, BIGINT, VARCHAR), VARCHAR, row -> pad((String) row[0], (Long) row[1], (String) row[2], true));
        function(registry, "rpad", List.of(VARCHAR, BIGINT, VARCHAR), VARCHAR, row -> pad((String) row[0], (Long) row[1], (String) row[2], false));
        function(registry, "replace", List.of(VARCHAR, VARCHAR), VARCHAR, row -> ((String) row[0]).replace((String) row[1], ""));
        function(registry, "replace", List.of(VARCHAR, VARCHAR, VARCHAR), VARCHAR,
                row -> ((String) row[0]).replace((String) row[1], (String) row[2]));
        function(registry, "split", List.of(VARCHAR, VARCHAR), ARRAY_OF_VARCHAR, row -> split((String) row[0], (String) row[1], Long.MAX_VALUE));
        function(registry, "split", List.of(VARCHAR, VARCHAR, BIGINT), ARRAY_OF_VARCHAR,
                row -> split((String) row[0], (String) row[1], (Long) row[2]));
        function(registry, "split_part", List.of(VARCHAR, VARCHAR, BIGINT), VARCHAR,
                row -> splitPart((String) row[0], (String) row[1], (Long) row[2]));
        function(registry, "strpos", List.of(VARCHAR, VARCHAR), BIGINT, row -> strpos((String) row[0], (String) row[1], 1));
        function(registry, "strpos", List.of(VARCHAR, VARCHAR, BIGINT), BIGINT, row -> strpos((String) row[0], (String) row[1], (Long) row[2]));
        function(registry, "strrpos", List.of(VARCHAR, VARCHAR), BIGINT, row -> strrpos((String) row[0], (String) row[1], 1));
        function(registry, "strrpos", List.of(VARCHAR, VARCHAR, BIGINT), BIGINT, row -> strrpos((String) row[0], (String) row[1], (Long) row[2]));
        function(registry, "position", List.of(VARCHAR, VARCHAR), BIGINT, row -> strpos((String) row[1], (String) row[0], 1));
        for (String name : List.of("substr", "substring")) {
            function(registry, name, List.of(VARCHAR, BIGINT), VARCHAR, row -> substring((String) row[0], (Long) row[1], Long.MAX_VALUE));
            function(registry, name, List.of(VARCHAR, BIGINT, BIGINT), VARCHAR, row -> substring((String) row[0], (Long) row[1], (Long) row[2]));
        }
        function(registry, "starts_with", List.of(VARCHAR, VARCHAR), BOOLEAN, row -> ((String) row[0]).startsWith((String) row[1]));
    }

    private static void unary(ScalarFunctionRegistry.Builder registry, String name, SqlType argument, SqlType result, Function<Object, Object> f) {
        function(registry, name, List.of(argument), result, row -> f.apply(row[0]));
    }

    private static void function(ScalarFunctionRegistry.Builder registry, String name, List<SqlType> arguments, SqlType result,
            Function<Object[], Object> f) {
        registry.add(name, Overloads.exact(arguments, FunctionSupport.rowWise(result, f)));
    }

    private static String concat(Object[] parts) {
        StringBuilder out = new StringBuilder();
        for (Object part : parts) {
            out.append((String) part);
        }
        return out.toString();
    }

    static String chr(long codePoint) {
        if (codePoint < 0 || codePoint > Character.MAX_CODE_POINT || (codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE)) {
            throw new QueryFunctionException("Not a valid Unicode code point: " + codePoint);
        }
        return new String(Character.toChars((int) codePoint));
    }

    static int codepoint(String text) {
        if (codePoints(text) != 1) {
            throw new QueryFunctionException("Input string must be a single character string");
        }
        return text.codePointAt(0);
    }

    static int codePoints(String text) {
        return text.codePointCount(0, text.length());
    }

    /** Strips Unicode whitespace from the chosen ends. */
    static String trim(String text, boolean left, boolean right) {
        int start = 0;
        int end = text.length();
        while (left && start < end && Character.isWhitespace(text.codePointAt(start))) {
            start += Character.charCount(text.codePointAt(start));
        }
        while (right && end > start && Character.isWhitespace(text.codePointBefore(end))) {
            end -= Character.charCount(text.codePointBefore(end));
        }
        return text.substring(start, end);
    }

    static long hammingDistance(String left, String right) {
        int[] a = left.codePoints().toArray();
        int[] b = right.codePoints().toArray();
        if (a.length != b.length) {
            throw new QueryFunctionException("The input strings to hamming_distance function must have the same length");
        }
        long distance = 0;
        for (int i = 0; i < a.length; i++) {
            distance += a[i] == b[i] ? 0 : 1;
        }
        return distance;
    }

    /** Edit distance over code points, one row of the table at a time; refuses inputs whose table would pass a million cells. */
    static long levenshteinDistance(String left, String right) {
        int[] a = left.codePoints().toArray();
        int[] b = right.codePoints().toArray();
        if ((long) a.length * b.length > 1_000_000) {
            throw new QueryFunctionException("The combined inputs for Levenshtein distance are too large");
        }
        int[] previous = new int[b.length + 1];
        int[] current = new int[b.length + 1];
        for (int j = 0; j <= b.length; j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length; i++) {
            current[0] = i;
            for (int j = 1; j <= b.length; j++) {
                int substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length];
    }

    /** Pads with repetitions of {@code padding} to {@code size} code points, or truncates to it. */
    static String pad(String text, long size, String padding, boolean left) {
        if (size < 0 || size > Integer.MAX_VALUE) {
            throw new QueryFunctionException("Target length must be in the range [0.." + Integer.MAX_VALUE + "]");
        }
        if (padding.isEmpty()) {
            throw new QueryFunctionException("Padding string must not be empty");
        }
        int length = codePoints(text);
        if (length >= size) {
            return text.substring(0, text.offsetByCodePoints(0, (int) size));
        }
        int[] pad = padding.codePoints().toArray();
        StringBuilder fill = new StringBuilder();
        for (long i = 0; i < size - length; i++) {
            fill.appendCodePoint(pad[(int) (i % pad.length)]);
        }
        return left ? fill.append(text).toString() : text + fill;
    }

    /** Splits on every occurrence; with a limit, the last element keeps the rest of the text. Empty fields are kept. */
    static List<String> split(String text, String delimiter, long limit) {
        if (delimiter.isEmpty()) {
            throw new QueryFunctionException("The delimiter may not be the empty string");
        }
        if (limit <= 0) {
            throw new QueryFunctionException("Limit must be positive");
        }
        List<String> parts = new ArrayList<>();
        int start = 0;
        while (parts.size() < limit - 1) {
            int found = text.indexOf(delimiter, start);
            if (found < 0) {
                break;
            }
            parts.add(text.substring(start, found));
            start = found + delimiter.length();
        }
        parts.add(text.substring(start));
        return parts;
    }

    static String splitPart(String text, String delimiter, long index) {
        if (index <= 0) {
            throw new QueryFunctionException("Index must be greater than zero");
        }
        if (delimiter.isEmpty()) {
            return index == 1 ? text : null;
        }
        List<String> parts = split(text, delimiter, Math.min(index, Integer.MAX_VALUE) + 1);
        return index <= parts.size() ? parts.get((int) index - 1) : null;
    }

    /** The code-point position of the {@code instance}-th occurrence (occurrences may overlap), 0 if there is none. */
    static long strpos(String text, String substring, long instance) {
        requirePositiveInstance(instance);
        int found = -1;
        for (long seen = 0; seen < instance; seen++) {
            found = text.indexOf(substring, found + 1);
            if (found < 0) {
                return 0;
            }
        }
        return text.codePointCount(0, found) + 1L;
    }

    /** Like {@link #strpos} counting occurrences from the end. */
    static long strrpos(String text, String substring, long instance) {
        requirePositiveInstance(instance);
        int found = text.length() + 1;
        for (long seen = 0; seen < instance; seen++) {
            found = found == 0 ? -1 : text.lastIndexOf(substring, found - 1);
            if (found < 0) {
                return 0;
            }
        }
        return text.codePointCount(0, found) + 1L;
    }

    private static void requirePositiveInstance(long instance) {
        if (instance <= 0) {
            throw new QueryFunctionException("'instance' must be a positive number.");
        }
    }

    /** Trino's substr: start 1-based, negative from the end, 0 or out of range gives ''; a length ≤ 0 gives ''. */
    static String substring(String text, long start, long length) {
        if (start == 0 || length <= 0 || text.isEmpty()) {
            return "";
        }
        int codePoints = codePoints(text);
        long first = start > 0 ? start - 1 : codePoints + start;
        if (first < 0 || first >= codePoints) {
            return "";
        }
        long last = Math.min(codePoints, first + Math.min(length, codePoints));
        int from = text.offsetByCodePoints(0, (int) first);
        return text.substring(from, text.offsetByCodePoints(from, (int) (last - first)));
    }
}
