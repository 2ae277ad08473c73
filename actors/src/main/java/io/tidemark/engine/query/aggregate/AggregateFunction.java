package io.tidemark.engine.query.aggregate;

import io.tidemark.sql.type.SqlType;
import java.util.List;

/** One bound aggregate overload: makes accumulators and declares the shape of its partial state. */
public interface AggregateFunction {

    SqlType returnType();

    /** The types of the vectors {@link Accumulator#intermediate} returns (object-stored states are fine: fragments run in this JVM). */
    List<SqlType> intermediateTypes();

    Accumulator newAccumulator();
}
