package io.tidemark.engine.query.aggregate;

import io.tidemark.sql.type.SqlType;
import java.util.List;
import java.util.function.Supplier;

/** An {@link AggregateFunction} made of its result type, its intermediate shape and an accumulator factory. */
record BoundAggregate(SqlType returnType, List<SqlType> intermediateTypes, Supplier<Accumulator> factory) implements AggregateFunction {

    BoundAggregate {
        intermediateTypes = List.copyOf(intermediateTypes);
    }

    @Override
    public Accumulator newAccumulator() {
        return factory.get();
    }
}
