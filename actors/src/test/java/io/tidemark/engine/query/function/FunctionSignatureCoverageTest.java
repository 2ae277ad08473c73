package io.tidemark.engine.query.function;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.sql.function.FunctionCatalog;
import io.tidemark.sql.function.Signature;
import io.tidemark.sql.function.TypePattern;
import io.tidemark.sql.type.ArrayType;
import io.tidemark.sql.type.FunctionType;
import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.sql.type.SqlType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every signature the analyzer accepts for a time (above the time-series section of
 * TimeFunctionSignatures), string or regular-expression function binds to an implementation in
 * the builtin registry.
 */
class FunctionSignatureCoverageTest {

    private static final List<String> TIME_FUNCTIONS = List.of("now", "current_timezone", "date", "last_day_of_month",
            "from_iso8601_timestamp", "from_iso8601_date", "to_iso8601", "from_milliseconds", "from_nanoseconds", "from_unixtime",
            "to_milliseconds", "to_nanoseconds", "to_unixtime", "date_trunc", "date_add", "date_diff", "parse_duration",
            "human_readable_seconds", "bin", "ago", "date_format", "date_parse", "format_datetime", "parse_datetime",
            "year", "quarter", "month", "week", "week_of_year", "day", "day_of_month", "day_of_week", "dow", "day_of_year", "doy",
            "year_of_week", "yow", "hour", "minute", "second", "millisecond", "nanosecond");
    private static final List<String> STRING_FUNCTIONS = List.of("typeof", "chr", "codepoint", "concat", "hamming_distance", "length",
            "levenshtein_distance", "lower", "upper", "lpad", "rpad", "ltrim", "rtrim", "trim", "replace", "reverse", "split",
            "split_part", "strpos", "strrpos", "position", "substr", "substring", "starts_with");
    private static final List<String> REGEXP_FUNCTIONS = List.of("regexp_extract_all", "regexp_extract", "regexp_like",
            "regexp_replace", "regexp_split");
    /** The array overloads of string names: the array functions implement them. */
    private static final Set<String> ARRAY_OVERLOADS = Set.of("concat(array(T)...)", "concat(array(T), T)", "concat(T, array(T))",
            "reverse(array(T))");
    /** Types standing in for a type variable of {@code typeof(T)}. */
    private static final List<SqlType> SAMPLE_TYPES = List.of(PrimitiveType.BIGINT, PrimitiveType.VARCHAR, PrimitiveType.UNKNOWN,
            new ArrayType(PrimitiveType.DOUBLE));

    @Test
    void everySignatureOfTheTimeStringAndRegexpSectionsBinds() {
        ScalarFunctionRegistry registry = ScalarFunctionRegistry.builtin();
        List<String> unbound = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        int checked = 0;
        for (String name : concat(TIME_FUNCTIONS, STRING_FUNCTIONS, REGEXP_FUNCTIONS)) {
            List<Signature> overloads = FunctionCatalog.builtin().overloads(name);
            assertThat(overloads).as("overloads of %s", name).isNotEmpty();
            for (Signature signature : overloads) {
                if (ARRAY_OVERLOADS.contains(signature.toString())) {
                    skipped.add(signature.toString());
                    continue;
                }
                for (BoundSignature call : calls(signature)) {
                    checked++;
                    if (registry.bind(call).isEmpty()) {
                        unbound.add(call.toString());
                    }
                }
            }
        }
        assertThat(unbound).isEmpty();
        assertThat(skipped).containsExactlyInAnyOrderElementsOf(ARRAY_OVERLOADS);
        assertThat(checked).isGreaterThanOrEqualTo(120);
    }

    /** The concrete calls a signature stands for: variadic ones with one to three arguments, {@code T} as sample types. */
    private static List<BoundSignature> calls(Signature signature) {
        List<BoundSignature> calls = new ArrayList<>();
        List<Integer> arities = signature.variadic() ? List.of(1, 2, 3) : List.of(signature.arguments().size());
        List<SqlType> variableTypes = mentionsVariable(signature) ? SAMPLE_TYPES : List.of(PrimitiveType.UNKNOWN);
        for (int arity : arities) {
            for (SqlType variable : variableTypes) {
                List<SqlType> arguments = new ArrayList<>();
                for (int i = 0; i < arity; i++) {
                    arguments.add(concrete(signature.argument(i), variable));
                }
                calls.add(new BoundSignature(signature.name(), arguments, concrete(signature.returnType(), variable)));
            }
        }
        return calls;
    }

    private static boolean mentionsVariable(Signature signature) {
        return signature.arguments().stream().anyMatch(pattern -> pattern instanceof TypePattern.Variable);
    }

    private static SqlType concrete(TypePattern pattern, SqlType variable) {
        if (pattern instanceof TypePattern.Concrete concrete) {
            return concrete.type();
        }
        if (pattern instanceof TypePattern.Variable) {
            return variable;
        }
        if (pattern instanceof TypePattern.Array array) {
            return new ArrayType(concrete(array.element(), variable));
        }
        if (pattern instanceof TypePattern.Function function) {
            return new FunctionType(function.parameters().stream().map(p -> concrete(p, variable)).collect(Collectors.toList()),
                    concrete(function.result(), variable));
        }
        throw new AssertionError("no concrete type for the pattern " + pattern);
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> all = new ArrayList<>();
        for (List<String> list : lists) {
            all.addAll(list);
        }
        return Collections.unmodifiableList(all);
    }
}
