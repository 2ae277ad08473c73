package io.tidemark.engine.query.function;

import static io.tidemark.sql.type.PrimitiveType.BIGINT;
import static io.tidemark.sql.type.PrimitiveType.DOUBLE;
import static io.tidemark.sql.type.PrimitiveType.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.sql.function.FunctionCatalog;
import io.tidemark.sql.function.FunctionKind;
import io.tidemark.sql.function.Signature;
import io.tidemark.sql.function.TypePattern;
import io.tidemark.sql.type.ArrayType;
import io.tidemark.sql.type.FunctionType;
import io.tidemark.sql.type.MapType;
import io.tidemark.sql.type.RowType;
import io.tidemark.sql.type.SqlType;
import io.tidemark.sql.type.TimeSeriesType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every overload the analyzer accepts in the math, bitwise, greatest/least, array, map, lambda and
 * time-series sections has an implementation in the builtin registry, with its type variables bound
 * to sample types.
 */
class SignatureCoverageTest {

    private static final Set<String> OWNED = Set.of(
            "greatest", "least",
            "abs", "cbrt", "ceil", "ceiling", "degrees", "e", "exp", "floor", "from_base", "ln", "log2", "log10", "mod", "pi", "pow",
            "power", "radians", "rand", "random", "round", "sign", "sqrt", "to_base", "truncate", "acos", "asin", "atan", "atan2", "cos",
            "cosh", "sin", "tan", "tanh", "infinity", "nan", "is_finite", "is_infinite", "is_nan", "width_bucket",
            "bit_count", "bitwise_and", "bitwise_not", "bitwise_or", "bitwise_xor",
            "array_distinct", "array_intersect", "array_union", "array_except", "array_join", "array_max", "array_min", "array_position",
            "array_remove", "array_sort", "arrays_overlap", "cardinality", "contains", "element_at", "repeat", "shuffle", "slice", "zip",
            "flatten", "sequence",
            "map", "map_keys", "map_values", "map_concat", "map_filter",
            "filter", "transform", "reduce", "any_match", "all_match", "none_match",
            "interpolate_linear", "interpolate_spline_cubic", "interpolate_locf", "interpolate_fill", "derivative_linear",
            "non_negative_derivative_linear", "integral_trapezoidal", "correlate_pearson", "correlate_spearman");

    /** Overloads of string-section names that take arrays. */
    private static final Set<String> ARRAY_OVERLOADS = Set.of("concat", "reverse");

    private static final Map<String, SqlType> SAMPLE_BINDINGS = Map.of("T", BIGINT, "U", VARCHAR, "V", DOUBLE, "K", VARCHAR, "S", BIGINT, "R", DOUBLE);

    @Test
    void everyOwnedSignatureBindsInTheBuiltinRegistry() {
        List<Signature> owned = FunctionCatalog.builtin().all().stream()
                .filter(signature -> signature.kind() == FunctionKind.SCALAR)
                .filter(signature -> OWNED.contains(signature.name())
                        || (ARRAY_OVERLOADS.contains(signature.name()) && signature.returnType() instanceof TypePattern.Array))
                .toList();
        assertThat(owned.stream().map(Signature::name).collect(Collectors.toSet())).as("every owned name is in the catalogue")
                .containsAll(OWNED);
        List<String> unbound = new ArrayList<>();
        for (Signature signature : owned) {
            List<SqlType> arguments = new ArrayList<>();
            for (TypePattern argument : signature.arguments()) {
                arguments.add(instantiate(argument));
            }
            if (signature.variadic()) {
                arguments.add(arguments.get(arguments.size() - 1));
            }
            BoundSignature bound = new BoundSignature(signature.name(), arguments, instantiate(signature.returnType()));
            if (ScalarFunctionRegistry.builtin().bind(bound).isEmpty()) {
                unbound.add(bound.toString());
            }
        }
        assertThat(unbound).isEmpty();
        assertThat(owned).hasSizeGreaterThan(OWNED.size());
    }

    @Test
    void bindersRefuseTypesTheyDoNotHandle() {
        assertThat(ScalarFunctionRegistry.builtin().bind(new BoundSignature("abs", List.of(VARCHAR), VARCHAR))).isEmpty();
        assertThat(ScalarFunctionRegistry.builtin().bind(new BoundSignature("cardinality", List.of(BIGINT), BIGINT))).isEmpty();
        assertThat(ScalarFunctionRegistry.builtin().bind(new BoundSignature("reverse", List.of(VARCHAR), VARCHAR)))
                .as("reverse(varchar) is the string family's").isEmpty();
    }

    private static SqlType instantiate(TypePattern pattern) {
        if (pattern instanceof TypePattern.Concrete concrete) {
            return concrete.type();
        }
        if (pattern instanceof TypePattern.Variable variable) {
            return SAMPLE_BINDINGS.get(variable.name());
        }
        if (pattern instanceof TypePattern.Array array) {
            return new ArrayType(instantiate(array.element()));
        }
        if (pattern instanceof TypePattern.Map map) {
            return new MapType(instantiate(map.key()), instantiate(map.value()));
        }
        if (pattern instanceof TypePattern.TimeSeries series) {
            return new TimeSeriesType(instantiate(series.value()));
        }
        if (pattern instanceof TypePattern.Row row) {
            List<RowType.Field> fields = new ArrayList<>();
            for (int i = 0; i < row.fields().size(); i++) {
                fields.add(new RowType.Field(row.names().get(i), instantiate(row.fields().get(i))));
            }
            return new RowType(fields);
        }
        TypePattern.Function function = (TypePattern.Function) pattern;
        return new FunctionType(function.parameters().stream().map(SignatureCoverageTest::instantiate).toList(), instantiate(function.result()));
    }
}
