package io.tidemark.engine.query.plan;

import io.tidemark.engine.query.expression.EvalContext;
import io.tidemark.engine.query.expression.VectorExpression;
import io.tidemark.engine.query.fragment.ScanColumn;
import io.tidemark.engine.query.fragment.ScanRequest;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.sql.analyzer.TableReference;
import io.tidemark.sql.ast.Comparison;
import io.tidemark.sql.type.PrimitiveType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a fragment reads of a catalog table: the referenced columns, the WHERE clause's time bounds
 * (constant expressions, evaluated when the query runs so {@code ago(1h)} uses the query's start)
 * and the measure_name/dimension values. {@link #request} turns it into the {@link ScanRequest}.
 */
record TableScan(TableReference table, List<ScanColumn> columns, List<TimeBound> bounds, Map<String, Set<String>> values) {

    private static final long NANOS_PER_DAY = 86_400_000_000_000L;

    /** {@code time <operator> value}. */
    record TimeBound(Comparison.Operator operator, VectorExpression value) {
    }

    TableScan {
        columns = List.copyOf(columns);
        bounds = List.copyOf(bounds);
        values = Map.copyOf(values);
    }

    /**
     * The scan for one execution: {@code time > x} reads from {@code x + 1}, {@code time < x} up to
     * {@code x - 1}, no bound means {@link Long#MIN_VALUE}/{@link Long#MAX_VALUE}. A bound whose
     * value is null or not a point in time (a varchar the WHERE clause compares) prunes nothing:
     * the fragment's filter still decides.
     */
    ScanRequest request(EvalContext eval) {
        long from = Long.MIN_VALUE;
        long to = Long.MAX_VALUE;
        Batch oneRow = new Batch(List.of(), 1);
        for (TimeBound bound : bounds) {
            Vector value = bound.value().evaluate(oneRow, eval);
            if (value.isNull(0)) {
                continue;
            }
            long nanos;
            if (value.type() == PrimitiveType.TIMESTAMP) {
                nanos = value.getLong(0);
            } else if (value.type() == PrimitiveType.DATE) {
                nanos = Math.multiplyExact(value.getLong(0), NANOS_PER_DAY);
            } else {
                continue;
            }
            switch (bound.operator()) {
                case GREATER_THAN:
                    from = Math.max(from, nanos == Long.MAX_VALUE ? nanos : nanos + 1);
                    to = nanos == Long.MAX_VALUE ? Long.MIN_VALUE : to;
                    break;
                case GREATER_THAN_OR_EQUAL:
                    from = Math.max(from, nanos);
                    break;
                case LESS_THAN:
                    to = Math.min(to, nanos == Long.MIN_VALUE ? nanos : nanos - 1);
                    from = nanos == Long.MIN_VALUE ? Long.MAX_VALUE : from;
                    break;
                case LESS_THAN_OR_EQUAL:
                    to = Math.min(to, nanos);
                    break;
                case EQUAL:
                    from = Math.max(from, nanos);
                    to = Math.min(to, nanos);
                    break;
                default:
                    break;
            }
        }
        return new ScanRequest(table.database(), table.table(), columns, from, to, values);
    }

    /**
     * True when every time bound is a timestamp, so the scanned range filters exactly what the
     * bounds' WHERE terms do (a null or non-timestamp bound prunes nothing, leaving it to WHERE).
     */
    boolean boundsPruneExactly(EvalContext eval) {
        Batch oneRow = new Batch(List.of(), 1);
        for (TimeBound bound : bounds) {
            Vector value = bound.value().evaluate(oneRow, eval);
            if (value.isNull(0) || value.type() != PrimitiveType.TIMESTAMP) {
                return false;
            }
        }
        return true;
    }

    /** {@code tidemark.cpu, time=[2026-01-01T00:00:00Z, max], measure_name in (cpu)}. */
    String describe(EvalContext eval) {
        ScanRequest request = request(eval);
        StringBuilder text = new StringBuilder(table.toString());
        text.append(", time=[").append(instant(request.fromNanos(), "min")).append(", ").append(instant(request.toNanos(), "max")).append(']');
        for (Map.Entry<String, Set<String>> entry : new TreeMap<>(values).entrySet()) {
            text.append(", ").append(entry.getKey()).append(" in (")
                    .append(entry.getValue().stream().sorted().collect(Collectors.joining(", "))).append(')');
        }
        return text.toString();
    }

    private static String instant(long nanos, String unbounded) {
        if (nanos == Long.MIN_VALUE || nanos == Long.MAX_VALUE) {
            return unbounded;
        }
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L)).toString();
    }
}
