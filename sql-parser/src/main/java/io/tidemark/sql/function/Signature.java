package io.tidemark.sql.function;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One overload of a function: its argument patterns (the last may repeat when {@code variadic}),
 * and its return pattern. Written in the catalogue as text, e.g.
 * {@code "element_at(array(T), bigint): T"} or {@code "concat(varchar...): varchar"}; see
 * {@link SignatureParser}.
 */
public record Signature(String name, FunctionKind kind, List<TypePattern> arguments, boolean variadic, TypePattern returnType,
        Map<String, Constraint> constraints) {

    /** What a type variable's binding must support, written {@code | T:orderable} after the return type. */
    public enum Constraint {
        /** {@code =} and {@code <>} work on it (not timeseries). */
        COMPARABLE,
        /** It sorts (not timeseries, map). */
        ORDERABLE
    }

    public Signature {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        arguments = List.copyOf(arguments);
        Objects.requireNonNull(returnType, "returnType");
        constraints = Map.copyOf(constraints);
        if (variadic && arguments.isEmpty()) {
            throw new IllegalArgumentException("cannot declare a variadic signature without arguments: name=" + name);
        }
    }

    /** Parses catalogue text such as {@code "abs(bigint): bigint"}. */
    public static Signature parse(FunctionKind kind, String text) {
        return SignatureParser.parse(kind, text);
    }

    /** True if a call with {@code count} arguments could match. */
    public boolean acceptsArity(int count) {
        return variadic ? count >= arguments.size() - 1 : count == arguments.size();
    }

    /** The pattern of the argument at {@code index} (the repeated last one for variadic signatures). */
    public TypePattern argument(int index) {
        return index < arguments.size() ? arguments.get(index) : arguments.get(arguments.size() - 1);
    }

    /** As Trino lists overloads in its errors: {@code abs(bigint)}, {@code concat(varchar...)}, {@code max(T) T:orderable}. */
    @Override
    public String toString() {
        return name + arguments.stream().map(Object::toString).collect(Collectors.joining(", ", "(", variadic ? "...)" : ")"))
                + new TreeMap<>(constraints).entrySet().stream()
                        .map(c -> " " + c.getKey() + ":" + c.getValue().name().toLowerCase(Locale.ROOT)).collect(Collectors.joining());
    }
}
