package io.tidemark.sql.function;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The functions a query may call, by case-insensitive name, with overload resolution as Trino does
 * it: among the overloads whose arity and argument types fit (with implicit coercions), the one
 * needing the fewest coercions wins; on a tie the first declared wins. Immutable and thread-safe.
 */
public final class FunctionCatalog {

    private static final FunctionCatalog BUILTIN = new FunctionCatalog(BuiltinFunctions.signatures());

    private final Map<String, List<Signature>> byName = new LinkedHashMap<>();

    public FunctionCatalog(Collection<Signature> signatures) {
        for (Signature signature : signatures) {
            byName.computeIfAbsent(signature.name(), name -> new ArrayList<>()).add(signature);
        }
        byName.replaceAll((name, overloads) -> List.copyOf(overloads));
    }

    /** Every function of Timestream's dialect that Tidemark types (see {@link BuiltinFunctions}). */
    public static FunctionCatalog builtin() {
        return BUILTIN;
    }

    /** The overloads of {@code name} in declaration order; empty if no such function. */
    public List<Signature> overloads(String name) {
        return byName.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    /** Every signature, grouped by name. */
    public List<Signature> all() {
        return byName.values().stream().flatMap(List::stream).toList();
    }

    /**
     * The overload of {@code name} a call with these arguments resolves to, with its lambdas typed;
     * empty if none fits (see {@link #mismatchMessage}).
     */
    public Optional<ResolvedFunction> resolve(String name, List<ArgumentType> arguments) {
        record Candidate(Signature signature, int cost, int order) {
        }
        List<Signature> overloads = overloads(name);
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < overloads.size(); i++) {
            Signature signature = overloads.get(i);
            int order = i;
            SignatureBinder.coercionCost(signature, arguments).ifPresent(cost -> candidates.add(new Candidate(signature, cost, order)));
        }
        return candidates.stream()
                .min(Comparator.comparingInt(Candidate::cost).thenComparingInt(Candidate::order))
                .flatMap(best -> SignatureBinder.bind(best.signature(), arguments));
    }

    /** Trino's wording: {@code Unexpected parameters (varchar) for function abs. Expected: abs(bigint), abs(double)}. */
    public String mismatchMessage(String name, List<ArgumentType> arguments) {
        String lower = name.toLowerCase(Locale.ROOT);
        return "Unexpected parameters " + arguments.stream().map(Object::toString).collect(Collectors.joining(", ", "(", ")"))
                + " for function " + lower + ". Expected: "
                + overloads(lower).stream().map(Signature::toString).collect(Collectors.joining(", "));
    }
}
