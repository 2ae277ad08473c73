package io.tidemark.sql.function;

import io.tidemark.sql.type.ArrayType;
import io.tidemark.sql.type.FunctionType;
import io.tidemark.sql.type.MapType;
import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.sql.type.RowType;
import io.tidemark.sql.type.SqlType;
import io.tidemark.sql.type.TimeSeriesType;
import io.tidemark.sql.type.TypeCoercion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Matches one call against one {@link Signature}. Type variables are bound from the value
 * arguments left to right, widening to the common super type when a variable is seen twice
 * ({@code coalesce(1, 2.5)} binds {@code T = double}); every value argument must then coerce to
 * its resolved parameter type. Lambdas are typed afterwards, in argument order, with parameter
 * types from the bindings so far; their body types bind the remaining variables (reduce's output).
 */
final class SignatureBinder {

    private final Signature signature;
    private final Map<String, SqlType> bindings = new HashMap<>();

    private SignatureBinder(Signature signature) {
        this.signature = signature;
    }

    /** How many value arguments need an implicit coercion, or empty if the signature does not match. */
    static Optional<Integer> coercionCost(Signature signature, List<ArgumentType> arguments) {
        SignatureBinder binder = new SignatureBinder(signature);
        return binder.bindValues(arguments) ? Optional.of(binder.countCoercions(arguments)) : Optional.empty();
    }

    /** Binds a signature {@link #coercionCost} accepted, typing its lambdas; empty if a lambda body does not fit. */
    static Optional<ResolvedFunction> bind(Signature signature, List<ArgumentType> arguments) {
        SignatureBinder binder = new SignatureBinder(signature);
        if (!binder.bindValues(arguments)) {
            return Optional.empty();
        }
        List<SqlType> types = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            TypePattern pattern = signature.argument(i);
            if (arguments.get(i) instanceof ArgumentType.Lambda lambda) {
                TypePattern.Function function = (TypePattern.Function) pattern;
                List<SqlType> parameterTypes = function.parameters().stream().map(binder::resolve).toList();
                SqlType body = lambda.bodyTyper().apply(parameterTypes);
                if (!binder.bind(function.result(), body) || !TypeCoercion.canCoerce(body, binder.resolve(function.result()))) {
                    return Optional.empty();
                }
                types.add(new FunctionType(parameterTypes, binder.resolve(function.result())));
            } else {
                types.add(binder.resolve(pattern));
            }
        }
        return Optional.of(new ResolvedFunction(signature, types, binder.resolve(signature.returnType())));
    }

    private boolean bindValues(List<ArgumentType> arguments) {
        if (!signature.acceptsArity(arguments.size())) {
            return false;
        }
        for (int i = 0; i < arguments.size(); i++) {
            TypePattern pattern = signature.argument(i);
            ArgumentType argument = arguments.get(i);
            boolean isFunction = pattern instanceof TypePattern.Function;
            if (argument instanceof ArgumentType.Lambda lambda) {
                if (!isFunction || ((TypePattern.Function) pattern).parameters().size() != lambda.arity()) {
                    return false;
                }
            } else if (isFunction || !bind(pattern, ((ArgumentType.Value) argument).type())) {
                return false;
            }
        }
        for (int i = 0; i < arguments.size(); i++) {
            if (arguments.get(i) instanceof ArgumentType.Value value
                    && !TypeCoercion.canCoerce(value.type(), resolve(signature.argument(i)))) {
                return false;
            }
        }
        for (Map.Entry<String, Signature.Constraint> constraint : signature.constraints().entrySet()) {
            SqlType bound = bindings.getOrDefault(constraint.getKey(), PrimitiveType.UNKNOWN);
            boolean met = constraint.getValue() == Signature.Constraint.ORDERABLE ? bound.isOrderable() : bound.isComparable();
            if (!met) {
                return false;
            }
        }
        return true;
    }

    private int countCoercions(List<ArgumentType> arguments) {
        int count = 0;
        for (int i = 0; i < arguments.size(); i++) {
            if (arguments.get(i) instanceof ArgumentType.Value value && !value.type().equals(resolve(signature.argument(i)))) {
                count++;
            }
        }
        return count;
    }

    private boolean bind(TypePattern pattern, SqlType actual) {
        if (pattern instanceof TypePattern.Concrete concrete) {
            return TypeCoercion.canCoerce(actual, concrete.type());
        }
        if (pattern instanceof TypePattern.Variable variable) {
            SqlType bound = bindings.get(variable.name());
            if (bound == null) {
                bindings.put(variable.name(), actual);
                return true;
            }
            Optional<SqlType> common = TypeCoercion.commonSuperType(bound, actual);
            common.ifPresent(type -> bindings.put(variable.name(), type));
            return common.isPresent();
        }
        if (actual == PrimitiveType.UNKNOWN) {
            return true;
        }
        if (pattern instanceof TypePattern.Array array) {
            return actual instanceof ArrayType a && bind(array.element(), a.elementType());
        }
        if (pattern instanceof TypePattern.TimeSeries series) {
            return actual instanceof TimeSeriesType t && bind(series.value(), t.valueType());
        }
        if (pattern instanceof TypePattern.Map map) {
            return actual instanceof MapType m && bind(map.key(), m.keyType()) && bind(map.value(), m.valueType());
        }
        if (pattern instanceof TypePattern.Row row) {
            if (!(actual instanceof RowType r) || r.fields().size() != row.fields().size()) {
                return false;
            }
            for (int i = 0; i < row.fields().size(); i++) {
                if (!bind(row.fields().get(i), r.fields().get(i).type())) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    private SqlType resolve(TypePattern pattern) {
        if (pattern instanceof TypePattern.Concrete concrete) {
            return concrete.type();
        }
        if (pattern instanceof TypePattern.Variable variable) {
            return bindings.getOrDefault(variable.name(), PrimitiveType.UNKNOWN);
        }
        if (pattern instanceof TypePattern.Array array) {
            return new ArrayType(resolve(array.element()));
        }
        if (pattern instanceof TypePattern.TimeSeries series) {
            return new TimeSeriesType(resolve(series.value()));
        }
        if (pattern instanceof TypePattern.Map map) {
            return new MapType(resolve(map.key()), resolve(map.value()));
        }
        if (pattern instanceof TypePattern.Row row) {
            List<RowType.Field> fields = new ArrayList<>();
            for (int i = 0; i < row.fields().size(); i++) {
                fields.add(new RowType.Field(row.names().get(i), resolve(row.fields().get(i))));
            }
            return new RowType(fields);
        }
        TypePattern.Function function = (TypePattern.Function) pattern;
        return new FunctionType(function.parameters().stream().map(this::resolve).toList(), resolve(function.result()));
    }
}
