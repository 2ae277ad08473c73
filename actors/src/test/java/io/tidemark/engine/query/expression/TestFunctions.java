package io.tidemark.engine.query.expression;

import io.tidemark.engine.query.function.FunctionGroup;
import io.tidemark.engine.query.function.FunctionSupport;
import io.tidemark.engine.query.function.QueryFunctionException;
import io.tidemark.engine.query.function.ScalarFunctionRegistry;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.engine.query.vector.VectorBuilder;
import io.tidemark.sql.type.ArrayType;
import io.tidemark.sql.type.FunctionType;
import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.sql.type.SqlType;
import java.util.ArrayList;
import java.util.List;

/**
 * The few scalar functions the expression tests call: {@code abs(bigint)}, {@code mod(bigint, bigint)} (which checks its arguments arrive as bigint), {@code length(varchar)}
 * (fails on the text {@code boom}, to test {@code try}), and the lambda functions
 * {@code transform(array(T), function(T, U))} and {@code filter(array(T), function(T, boolean))}.
 */
final class TestFunctions implements FunctionGroup {

    static final ScalarFunctionRegistry REGISTRY = ScalarFunctionRegistry.build(List.of(new TestFunctions()));

    @Override
    public void register(ScalarFunctionRegistry.Builder registry) {
        registry.add("abs", signature -> signature.argumentTypes().equals(List.of(PrimitiveType.BIGINT))
                ? (arguments, rows, context) -> FunctionSupport.mapLongs(arguments[0], PrimitiveType.BIGINT, Math::abs, rows) : null);
        registry.add("mod", signature -> signature.argumentTypes().equals(List.of(PrimitiveType.BIGINT, PrimitiveType.BIGINT))
                ? (arguments, rows, context) -> {
                    if (arguments[0].type() != PrimitiveType.BIGINT || arguments[1].type() != PrimitiveType.BIGINT) {
                        throw new AssertionError("arguments not coerced: " + arguments[0].type() + ", " + arguments[1].type());
                    }
                    return FunctionSupport.rowWise(PrimitiveType.BIGINT, values -> (Long) values[0] % (Long) values[1]).apply(arguments, rows, context);
                } : null);
        registry.add("length", signature -> FunctionSupport.rowWise(PrimitiveType.BIGINT, values -> {
            if (values[0].equals("boom")) {
                throw new QueryFunctionException("length refuses boom");
            }
            return (long) ((String) values[0]).length();
        }));
        registry.add("transform", signature -> (arguments, rows, context) -> mapArrays(arguments, rows, context, signature.returnType(), false));
        registry.add("filter", signature -> (arguments, rows, context) -> mapArrays(arguments, rows, context, signature.returnType(), true));
    }

    private static Vector mapArrays(Vector[] arguments, int rows, EvalContext context, SqlType resultType, boolean filter) {
        SqlType elementType = ((ArrayType) arguments[0].type()).elementType();
        SqlType lambdaResult = ((FunctionType) arguments[1].type()).returnType();
        VectorBuilder out = new VectorBuilder(resultType, rows);
        for (int row = 0; row < rows; row++) {
            List<?> elements = (List<?>) arguments[0].get(row);
            if (elements == null) {
                out.appendNull();
                continue;
            }
            VectorBuilder parameter = new VectorBuilder(elementType, elements.size());
            elements.forEach(parameter::append);
            Vector results = ((LambdaValue) arguments[1].get(row)).invoke(new Vector[] {parameter.build()}, elements.size(), context);
            if (results.type() != lambdaResult && !results.type().equals(lambdaResult)) {
                throw new AssertionError("lambda returned " + results.type() + ", expected " + lambdaResult);
            }
            List<Object> mapped = new ArrayList<>();
            for (int i = 0; i < elements.size(); i++) {
                if (!filter) {
                    mapped.add(results.get(i));
                } else if (Boolean.TRUE.equals(results.get(i))) {
                    mapped.add(elements.get(i));
                }
            }
            out.append(mapped);
        }
        return out.build();
    }
}
