package io.tidemark.engine.query.window;

import io.tidemark.engine.query.vector.SortKey;
import io.tidemark.sql.type.SqlType;
import java.util.List;
import java.util.Objects;

/**
 * One window call of a query: the function (a ranking or value function, or any aggregate of
 * {@link io.tidemark.engine.query.aggregate.BuiltinAggregates}), where its arguments are in the
 * input batch, and its {@code OVER (PARTITION BY … ORDER BY … frame)} clause.
 *
 * @param function the lower-case function name
 * @param argumentChannels the input columns holding the arguments, in call order
 * @param distinct an aggregate over distinct argument tuples only
 * @param frame the frame clause; null means {@link Frame#DEFAULT}
 * @param ignoreNulls {@code IGNORE NULLS} for lag, lead, first_value, last_value and nth_value
 */
public record WindowSpec(String function, List<Integer> argumentChannels, List<SqlType> argumentTypes, SqlType returnType,
        boolean distinct, List<Integer> partitionChannels, List<SortKey> orderBy, Frame frame, boolean ignoreNulls) {

    public WindowSpec {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(returnType, "returnType");
        argumentChannels = List.copyOf(argumentChannels);
        argumentTypes = List.copyOf(argumentTypes);
        partitionChannels = List.copyOf(partitionChannels);
        orderBy = List.copyOf(orderBy);
        frame = frame == null ? Frame.DEFAULT : frame;
        if (argumentChannels.size() != argumentTypes.size()) {
            throw new IllegalArgumentException("cannot build a window call: one type per argument, function=" + function
                    + ", channels=" + argumentChannels + ", types=" + argumentTypes);
        }
    }
}
