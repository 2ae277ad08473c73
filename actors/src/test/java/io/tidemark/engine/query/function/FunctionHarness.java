package io.tidemark.engine.query.function;

import static io.tidemark.sql.type.PrimitiveType.BIGINT;
import static io.tidemark.sql.type.PrimitiveType.DATE;
import static io.tidemark.sql.type.PrimitiveType.DOUBLE;
import static io.tidemark.sql.type.PrimitiveType.INTERVAL_DAY_TO_SECOND;
import static io.tidemark.sql.type.PrimitiveType.TIME;
import static io.tidemark.sql.type.PrimitiveType.TIMESTAMP;
import static io.tidemark.sql.type.PrimitiveType.VARCHAR;

import io.tidemark.engine.query.expression.EvalContext;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.engine.query.vector.VectorBuilder;
import io.tidemark.sql.type.SqlType;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/** Binds functions of some groups through a real registry and applies them to hand-built vectors. */
final class FunctionHarness {

    /** 2022-07-07 17:42:32.939 UTC, the query start every call sees. */
    static final long QUERY_START = nanos("2022-07-07T17:42:32.939");

    private final ScalarFunctionRegistry registry;
    private final EvalContext context = EvalContext.utc(QUERY_START);

    FunctionHarness(FunctionGroup... groups) {
        this.registry = ScalarFunctionRegistry.build(List.of(groups));
    }

    /**
     * Applies {@code name} bound to the arguments' vector types over their rows (one row when
     * there is no argument), checking the result has those rows and the declared type.
     */
    Vector apply(String name, SqlType returnType, Vector... arguments) {
        return apply(name, returnType, arguments.length == 0 ? 1 : arguments[0].size(), arguments);
    }

    /** Applies {@code name} over {@code rowCount} rows, checking the result has those rows and the declared type. */
    Vector apply(String name, SqlType returnType, int rowCount, Vector... arguments) {
        List<SqlType> types = Arrays.stream(arguments).map(Vector::type).toList();
        ScalarFunction function = registry.bind(new BoundSignature(name, types, returnType))
                .orElseThrow(() -> new AssertionError("no implementation of " + name + types));
        Vector result = function.apply(arguments, rowCount, context);
        if (result.size() != rowCount || !result.type().equals(returnType)) {
            throw new AssertionError("wrong result shape: " + result + " for " + rowCount + " rows of " + returnType.displayName());
        }
        return result;
    }

    ScalarFunctionRegistry registry() {
        return registry;
    }

    EvalContext context() {
        return context;
    }

    /** The boxed value of a one-row call. */
    Object call(String name, SqlType returnType, Vector... arguments) {
        return apply(name, returnType, arguments).get(0);
    }

    boolean binds(String name, List<SqlType> argumentTypes, SqlType returnType) {
        return registry.bind(new BoundSignature(name, argumentTypes, returnType)).isPresent();
    }

    static Vector column(SqlType type, Object... values) {
        VectorBuilder builder = new VectorBuilder(type, values.length);
        for (Object value : values) {
            builder.append(value);
        }
        return builder.build();
    }

    /** Epoch nanos of an ISO local date-time read as UTC. */
    static long nanos(String isoLocalDateTime) {
        LocalDateTime time = LocalDateTime.parse(isoLocalDateTime);
        return time.toEpochSecond(ZoneOffset.UTC) * 1_000_000_000L + time.getNano();
    }

    static Vector timestamp(String isoLocalDateTime) {
        return column(TIMESTAMP, nanos(isoLocalDateTime));
    }

    static Vector date(String isoDate) {
        return column(DATE, LocalDate.parse(isoDate).toEpochDay());
    }

    static Vector time(String isoTime) {
        return column(TIME, LocalTime.parse(isoTime).toNanoOfDay());
    }

    static Vector interval(Duration duration) {
        return column(INTERVAL_DAY_TO_SECOND, duration.toNanos());
    }

    static Vector varchar(String text) {
        return column(VARCHAR, text);
    }

    static Vector bigint(long value) {
        return column(BIGINT, value);
    }

    static Vector doubleValue(double value) {
        return column(DOUBLE, value);
    }

    /** The ISO local date-time of epoch nanos in UTC, for readable assertions. */
    static String iso(Object epochNanos) {
        long nanos = (Long) epochNanos;
        return LocalDateTime.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), (int) Math.floorMod(nanos, 1_000_000_000L), ZoneOffset.UTC)
                .toString();
    }

    static String isoDate(Object epochDay) {
        return LocalDate.ofEpochDay((Long) epochDay).toString();
    }
}
