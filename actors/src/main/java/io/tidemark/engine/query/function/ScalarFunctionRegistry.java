package io.tidemark.engine.query.function;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every scalar function implementation, by name. A name may have several binders (one per
 * overload family); the first that accepts the {@link BoundSignature} wins.
 */
public final class ScalarFunctionRegistry {

    /** Binds a call to an implementation, or returns null when this binder does not handle those types. */
    public interface Binder extends Function<BoundSignature, ScalarFunction> {
    }

    private static final ScalarFunctionRegistry BUILTIN = build(List.of(
            // Each function family registers itself here.
            new TimeFunctions(),
            new StringFunctions(),
            new RegexpFunctions(),
            new MathFunctions(),
            new BitwiseFunctions(),
            new GreatestLeastFunctions(),
            new ArrayFunctions(),
            new ArraySetFunctions(),
            new SequenceFunctions(),
            new MapFunctions(),
            new LambdaFunctions(),
            new TimeSeriesFunctions()
    ));

    private final Map<String, List<Binder>> binders;

    private ScalarFunctionRegistry(Map<String, List<Binder>> binders) {
        this.binders = binders;
    }

    public static ScalarFunctionRegistry builtin() {
        return BUILTIN;
    }

    public static ScalarFunctionRegistry build(List<FunctionGroup> groups) {
        Builder builder = new Builder();
        groups.forEach(group -> group.register(builder));
        return new ScalarFunctionRegistry(Map.copyOf(builder.binders));
    }

    /** The implementation of a resolved call, if one is registered. */
    public Optional<ScalarFunction> bind(BoundSignature signature) {
        for (Binder binder : binders.getOrDefault(signature.name(), List.of())) {
            ScalarFunction function = binder.apply(signature);
            if (function != null) {
                return Optional.of(function);
            }
        }
        return Optional.empty();
    }

    /** The names with at least one implementation. */
    public java.util.Set<String> names() {
        return binders.keySet();
    }

    public static final class Builder {
        private final Map<String, List<Binder>> binders = new HashMap<>();

        public Builder add(String name, Binder binder) {
            binders.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>()).add(binder);
            return this;
        }
    }
}
