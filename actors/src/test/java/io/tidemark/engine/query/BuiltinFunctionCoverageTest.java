package io.tidemark.engine.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.engine.query.aggregate.BuiltinAggregates;
import io.tidemark.engine.query.function.ArrayFunctions;
import io.tidemark.engine.query.function.BoundSignature;
import io.tidemark.engine.query.function.ScalarFunctionRegistry;
import io.tidemark.sql.function.FunctionCatalog;
import io.tidemark.sql.function.FunctionKind;
import io.tidemark.sql.function.Signature;
import io.tidemark.sql.function.TypePattern;
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
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every function the analyzer accepts has an implementation: each scalar and aggregate signature
 * of the catalogue, with its type variables instantiated, binds in the execution registries.
 */
class BuiltinFunctionCoverageTest {

    /** Evaluated by the expression compiler itself (lazy argument evaluation), not by the registry. */
    private static final Set<String> SPECIAL_FORMS = Set.of("if", "coalesce", "nullif", "try");

    private static final Map<String, SqlType> VARIABLES = Map.of(
            "T", PrimitiveType.BIGINT, "U", PrimitiveType.VARCHAR, "V", PrimitiveType.DOUBLE,
            "K", PrimitiveType.VARCHAR, "S", PrimitiveType.BIGINT, "R", PrimitiveType.DOUBLE);

    @Test
    void everyScalarSignatureHasAnImplementation() {
        List<String> missing = new ArrayList<>();
        for (Signature signature : FunctionCatalog.builtin().all()) {
            if (signature.kind() != FunctionKind.SCALAR || SPECIAL_FORMS.contains(signature.name())) {
                continue;
            }
            if (ScalarFunctionRegistry.builtin().bind(bound(signature)).isEmpty()) {
                missing.add(signature.toString());
            }
        }
        assertThat(missing).as("scalar signatures without an implementation").isEmpty();
    }

    @Test
    void everyAggregateSignatureHasAnImplementation() {
        List<String> missing = new ArrayList<>();
        for (Signature signature : FunctionCatalog.builtin().all()) {
            if (signature.kind() != FunctionKind.AGGREGATE) {
                continue;
            }
            BoundSignature bound = bound(signature);
            if (BuiltinAggregates.instance().bind(bound, false).isEmpty()) {
                missing.add(signature.toString());
            }
            if (!bound.argumentTypes().isEmpty() && BuiltinAggregates.instance().bind(bound, true).isEmpty()) {
                missing.add("DISTINCT " + signature);
            }
        }
        assertThat(missing).as("aggregate signatures without an implementation").isEmpty();
    }

    @Test
    void bindersRefuseTypesTheyDoNotHandle() {
        assertThat(ScalarFunctionRegistry.builtin().bind(new BoundSignature("abs", List.of(PrimitiveType.VARCHAR), PrimitiveType.VARCHAR))).isEmpty();
        assertThat(ScalarFunctionRegistry.builtin().bind(new BoundSignature("cardinality", List.of(PrimitiveType.BIGINT), PrimitiveType.BIGINT)))
                .isEmpty();
        assertThat(ScalarFunctionRegistry.build(List.of(new ArrayFunctions()))
                .bind(new BoundSignature("reverse", List.of(PrimitiveType.VARCHAR), PrimitiveType.VARCHAR)))
                .as("reverse(varchar) is the string family's").isEmpty();
    }

    private static BoundSignature bound(Signature signature) {
        List<SqlType> arguments = new ArrayList<>();
        for (TypePattern pattern : signature.arguments()) {
            arguments.add(instantiate(pattern));
        }
        if (signature.variadic()) {
            arguments.add(arguments.get(arguments.size() - 1));
        }
        return new BoundSignature(signature.name(), arguments, instantiate(signature.returnType()));
    }

    private static SqlType instantiate(TypePattern pattern) {
        if (pattern instanceof TypePattern.Concrete concrete) {
            return concrete.type();
        }
        if (pattern instanceof TypePattern.Variable variable) {
            return VARIABLES.get(variable.name());
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
        return new FunctionType(function.parameters().stream().map(BuiltinFunctionCoverageTest::instantiate).toList(),
                instantiate(function.result()));
    }
}
