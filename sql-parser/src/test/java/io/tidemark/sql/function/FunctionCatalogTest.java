package io.tidemark.sql.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.sql.type.ArrayType;
import io.tidemark.sql.type.FunctionType;
import io.tidemark.sql.type.MapType;
import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.sql.type.RowType;
import io.tidemark.sql.type.SqlType;
import io.tidemark.sql.type.TimeSeriesType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Walks the whole catalogue: every overload is reachable with arguments of its own types, and resolution prefers what Trino prefers. */
class FunctionCatalogTest {

    private static final FunctionCatalog CATALOG = FunctionCatalog.builtin();

    /** Distinct types per variable, so a mix-up between two variables shows in the result type. */
    private static final Map<String, SqlType> BINDINGS = Map.of("T", PrimitiveType.BIGINT, "U", PrimitiveType.VARCHAR,
            "K", PrimitiveType.VARCHAR, "V", PrimitiveType.DOUBLE, "S", PrimitiveType.DOUBLE, "R", PrimitiveType.BOOLEAN);

    @Test
    void everySignatureResolvesToItselfWithArgumentsOfItsOwnTypes() {
        List<Signature> all = CATALOG.all();
        assertThat(all).hasSizeGreaterThan(300);
        for (Signature signature : all) {
            List<ArgumentType> arguments = new ArrayList<>();
            for (TypePattern pattern : signature.arguments()) {
                if (pattern instanceof TypePattern.Function function) {
                    SqlType result = substitute(function.result());
                    arguments.add(new ArgumentType.Lambda(function.parameters().size(), parameterTypes -> {
                        assertThat(parameterTypes).as(signature + " lambda parameters")
                                .isEqualTo(function.parameters().stream().map(FunctionCatalogTest::substitute).toList());
                        return result;
                    }));
                } else {
                    arguments.add(new ArgumentType.Value(substitute(pattern)));
                }
            }
            Optional<ResolvedFunction> resolved = CATALOG.resolve(signature.name(), arguments);
            assertThat(resolved).as(signature.toString()).isPresent();
            assertThat(resolved.get().signature()).as(signature.toString()).isSameAs(signature);
            assertThat(resolved.get().returnType()).as(signature.toString()).isEqualTo(substitute(signature.returnType()));
        }
    }

    @Test
    void theIssueListsTheseFunctions() {
        for (String name : List.of("bin", "ago", "now", "from_milliseconds", "to_milliseconds", "from_nanoseconds", "to_nanoseconds",
                "from_unixtime", "to_unixtime", "date_trunc", "date_add", "date_diff", "year", "month", "day", "hour", "minute", "second",
                "day_of_week", "from_iso8601_timestamp", "from_iso8601_date", "to_iso8601", "format_datetime", "parse_datetime",
                "date_format", "date_parse", "create_time_series", "interpolate_linear", "interpolate_spline_cubic", "interpolate_locf",
                "interpolate_fill", "derivative_linear", "non_negative_derivative_linear", "integral_trapezoidal", "filter", "transform",
                "reduce", "sequence", "count", "count_if", "sum", "avg", "min", "max", "min_by", "max_by", "arbitrary", "approx_distinct",
                "approx_percentile", "stddev", "stddev_samp", "stddev_pop", "variance", "var_samp", "var_pop", "bool_and", "bool_or",
                "array_agg", "histogram", "map_agg", "geometric_mean", "row_number", "rank", "dense_rank", "percent_rank", "cume_dist",
                "ntile", "lag", "lead", "first_value", "last_value", "nth_value", "regexp_like", "split", "array_join", "element_at",
                "coalesce", "nullif", "if", "try", "greatest", "least")) {
            assertThat(CATALOG.overloads(name)).as(name).isNotEmpty();
        }
    }

    @Test
    void resolutionPrefersTheOverloadNeedingFewestCoercions() {
        assertThat(returnType("abs", PrimitiveType.INTEGER)).isEqualTo(PrimitiveType.INTEGER);
        assertThat(returnType("abs", PrimitiveType.BIGINT)).isEqualTo(PrimitiveType.BIGINT);
        assertThat(returnType("sum", PrimitiveType.INTEGER)).isEqualTo(PrimitiveType.BIGINT);
        assertThat(returnType("round", PrimitiveType.BIGINT, PrimitiveType.BIGINT)).isEqualTo(PrimitiveType.BIGINT);
        assertThat(returnType("year", PrimitiveType.DATE)).isEqualTo(PrimitiveType.BIGINT);
        assertThat(returnType("date_trunc", PrimitiveType.VARCHAR, PrimitiveType.DATE)).isEqualTo(PrimitiveType.DATE);
        assertThat(returnType("interpolate_linear", new TimeSeriesType(PrimitiveType.BIGINT), PrimitiveType.TIMESTAMP))
                .as("a bigint series coerces to a double one").isEqualTo(PrimitiveType.DOUBLE);
    }

    @Test
    void typeVariablesWidenToTheCommonSuperType() {
        assertThat(returnType("coalesce", PrimitiveType.BIGINT, PrimitiveType.DOUBLE, PrimitiveType.UNKNOWN)).isEqualTo(PrimitiveType.DOUBLE);
        assertThat(returnType("greatest", PrimitiveType.INTEGER, PrimitiveType.BIGINT)).isEqualTo(PrimitiveType.BIGINT);
        assertThat(returnType("concat", new ArrayType(PrimitiveType.BIGINT), PrimitiveType.DOUBLE)).isEqualTo(new ArrayType(PrimitiveType.DOUBLE));
        assertThat(CATALOG.resolve("coalesce", values(PrimitiveType.BIGINT, PrimitiveType.VARCHAR))).isEmpty();
    }

    @Test
    void constrainedVariablesRejectTypesWithoutTheCapability() {
        TimeSeriesType series = new TimeSeriesType(PrimitiveType.DOUBLE);
        assertThat(CATALOG.resolve("max", values(series))).isEmpty();
        assertThat(CATALOG.resolve("max", values(PrimitiveType.VARCHAR))).isPresent();
        assertThat(CATALOG.resolve("max_by", values(PrimitiveType.BIGINT, new MapType(PrimitiveType.VARCHAR, PrimitiveType.BIGINT)))).isEmpty();
        assertThat(CATALOG.resolve("array_distinct", values(new ArrayType(series)))).isEmpty();
        assertThat(CATALOG.mismatchMessage("max", values(series)))
                .isEqualTo("Unexpected parameters (timeseries(double)) for function max. Expected: max(T) T:orderable, max(T, bigint) T:orderable");
    }

    @Test
    void lambdaBodiesBindTheRemainingVariables() {
        List<ArgumentType> arguments = List.of(new ArgumentType.Value(new ArrayType(PrimitiveType.BIGINT)),
                new ArgumentType.Lambda(1, types -> new RowType(List.of(RowType.Field.anonymous(types.get(0))))));
        ResolvedFunction transform = CATALOG.resolve("transform", arguments).orElseThrow();
        assertThat(transform.returnType()).isEqualTo(new ArrayType(new RowType(List.of(RowType.Field.anonymous(PrimitiveType.BIGINT)))));
        assertThat(transform.argumentTypes().get(1)).isInstanceOf(FunctionType.class);
        assertThat(CATALOG.resolve("filter", List.of(new ArgumentType.Value(new ArrayType(PrimitiveType.BIGINT)),
                new ArgumentType.Lambda(1, types -> PrimitiveType.BIGINT)))).as("filter needs a boolean lambda").isEmpty();
        assertThat(CATALOG.resolve("filter", List.of(new ArgumentType.Value(new ArrayType(PrimitiveType.BIGINT)),
                new ArgumentType.Lambda(2, types -> PrimitiveType.BOOLEAN)))).as("wrong lambda arity").isEmpty();
    }

    @Test
    void mismatchMessageListsEveryOverloadAsTrinoDoes() {
        assertThat(CATALOG.mismatchMessage("ABS", values(PrimitiveType.VARCHAR)))
                .isEqualTo("Unexpected parameters (varchar) for function abs. Expected: abs(bigint), abs(integer), abs(double)");
        assertThat(CATALOG.mismatchMessage("coalesce", values(PrimitiveType.BIGINT, PrimitiveType.VARCHAR)))
                .isEqualTo("Unexpected parameters (bigint, varchar) for function coalesce. Expected: coalesce(T...)");
    }

    @Test
    void signatureTextRoundTripsAndTyposFailLoudly() {
        Signature signature = Signature.parse(FunctionKind.SCALAR, "zip(array(T), array(U)): array(row(f0 T, f1 U))");
        assertThat(signature.toString()).isEqualTo("zip(array(T), array(U))");
        assertThat(signature.returnType().toString()).isEqualTo("array(row(f0 T, f1 U))");
        assertThatThrownBy(() -> Signature.parse(FunctionKind.SCALAR, "abs(bigint: bigint"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("text=abs(bigint: bigint");
        assertThatThrownBy(() -> Signature.parse(FunctionKind.SCALAR, "abs(bignit): bigint")).isInstanceOf(IllegalArgumentException.class);
    }

    private static SqlType returnType(String name, SqlType... types) {
        return CATALOG.resolve(name, values(types)).orElseThrow().returnType();
    }

    private static List<ArgumentType> values(SqlType... types) {
        return List.of(types).stream().<ArgumentType>map(ArgumentType.Value::new).toList();
    }

    private static SqlType substitute(TypePattern pattern) {
        if (pattern instanceof TypePattern.Concrete concrete) {
            return concrete.type();
        }
        if (pattern instanceof TypePattern.Variable variable) {
            return BINDINGS.get(variable.name());
        }
        if (pattern instanceof TypePattern.Array array) {
            return new ArrayType(substitute(array.element()));
        }
        if (pattern instanceof TypePattern.TimeSeries series) {
            return new TimeSeriesType(substitute(series.value()));
        }
        if (pattern instanceof TypePattern.Map map) {
            return new MapType(substitute(map.key()), substitute(map.value()));
        }
        if (pattern instanceof TypePattern.Row row) {
            List<RowType.Field> fields = new ArrayList<>();
            for (int i = 0; i < row.fields().size(); i++) {
                fields.add(new RowType.Field(row.names().get(i), substitute(row.fields().get(i))));
            }
            return new RowType(fields);
        }
        TypePattern.Function function = (TypePattern.Function) pattern;
        return new FunctionType(function.parameters().stream().map(FunctionCatalogTest::substitute).toList(), substitute(function.result()));
    }
}
