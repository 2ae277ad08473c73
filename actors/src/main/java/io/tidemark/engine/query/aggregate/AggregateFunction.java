package io.tidemark.engine.query.aggregate;

import io.tidemark.engine.query.vector.Vector;
import io.tidemark.sql.type.SqlType;
import io.tidemark.storage.chunk.ColumnStats;
import java.util.List;
import java.util.Optional;

/** One bound aggregate overload: makes accumulators and declares the shape of its partial state. */
public interface AggregateFunction {

    SqlType returnType();

    /** The types of the vectors {@link Accumulator#intermediate} returns (object-stored states are fine: fragments run in this JVM). */
    List<SqlType> intermediateTypes();

    Accumulator newAccumulator();

    /**
     * This aggregate's intermediate state (one row per vector of {@link #intermediateTypes()}) over
     * all {@code rowCount} rows of a chunk, read from the chunk header alone; empty when the stats
     * do not determine it (the caller then decodes the values). The call must be plain (no
     * DISTINCT, no FILTER) and each argument a chunk column itself, of the type the aggregate was
     * bound for. The chunk's {@code time} is an argument too, its stats being the time range
     * (present in every row, first = min, last = max); {@code min_by}/{@code max_by} are answered
     * only for that key, whose times are unique and ordered, so the last row of every column is
     * the row of the greatest key.
     *
     * @param arguments the stats of each argument column (for a column the chunk lacks: stats of
     *     no values); empty for an aggregate without argument ({@code count(*)})
     */
    default Optional<Vector[]> intermediateFromStats(int rowCount, List<ColumnStats> arguments) {
        return Optional.empty();
    }
}
