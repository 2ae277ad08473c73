package io.tidemark.engine.query.aggregate;

import io.tidemark.engine.query.function.BoundSignature;
import java.util.Optional;

/** Binds aggregate calls ({@code sum(x)}, {@code count(DISTINCT x)} …) to their implementations. */
public interface AggregateRegistry {

    /** @param distinct true for {@code f(DISTINCT …)}: each group aggregates only distinct argument tuples */
    Optional<AggregateFunction> bind(BoundSignature signature, boolean distinct);
}
