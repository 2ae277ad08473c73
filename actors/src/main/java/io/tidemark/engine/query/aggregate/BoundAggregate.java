package io.tidemark.engine.query.aggregate;

import io.tidemark.engine.query.vector.Vector;
import io.tidemark.sql.type.SqlType;
import io.tidemark.storage.chunk.ColumnStats;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * An {@link AggregateFunction} made of its result type, its intermediate shape, an accumulator
 * factory and how chunk stats answer it ({@link StatsIntermediate#NONE} when they cannot).
 */
record BoundAggregate(SqlType returnType, List<SqlType> intermediateTypes, Supplier<Accumulator> factory,
        StatsIntermediate fromStats) implements AggregateFunction {

    BoundAggregate {
        intermediateTypes = List.copyOf(intermediateTypes);
    }

    BoundAggregate(SqlType returnType, List<SqlType> intermediateTypes, Supplier<Accumulator> factory) {
        this(returnType, intermediateTypes, factory, StatsIntermediate.NONE);
    }

    @Override
    public Accumulator newAccumulator() {
        return factory.get();
    }

    @Override
    public Optional<Vector[]> intermediateFromStats(int rowCount, List<ColumnStats> arguments) {
        return fromStats.of(rowCount, arguments);
    }
}
