package io.tidemark.engine.query;

import io.tidemark.engine.query.QueryContext.TableScanned;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Timestream's QueryInsightsResponse of one query, from what its fragments read
 * ({@link QueryContext#tablesScanned}) and its whole result: the table whose spatial partitions
 * (shards) the query read the largest fraction of, the table it read the widest time range of
 * (nanoseconds, from the retention bound or the WHERE clause's lower time bound to its upper one,
 * or to the query's start when unbounded), how many tables it read, and its rows and their
 * estimated bytes as the Query API sends them. Statements that read no table (SHOW, a query over
 * VALUES) have neither coverage nor range.
 */
public record QueryInsights(Optional<SpatialCoverage> spatialCoverage, Optional<TemporalRange> temporalRange,
        int tableCount, long outputRows, long outputBytes) {

    /** QuerySpatialCoverage.Max: the fraction of the table's shards read, its ARN and partition key. */
    public record SpatialCoverage(double value, String tableArn, List<String> partitionKey) {
    }

    /** QueryTemporalRange.Max: the span of time read, in nanoseconds, and the table's ARN. */
    public record TemporalRange(long nanos, String tableArn) {
    }

    /** The insights of {@code query}, whose result has {@code outputRows} rows of about {@code outputBytes}. */
    static QueryInsights of(QueryContext query, long outputRows, long outputBytes) {
        long queryStart = query.eval().queryStartNanos();
        SpatialCoverage widest = null;
        TemporalRange longest = null;
        Set<String> tables = new HashSet<>();
        for (TableScanned scan : query.tablesScanned()) {
            tables.add(scan.tableArn());
            double coverage = scan.shardCount() == 0 ? 0 : (double) scan.shardsRead() / scan.shardCount();
            if (widest == null || coverage > widest.value()) {
                widest = new SpatialCoverage(coverage, scan.tableArn(), scan.partitionKey());
            }
            long to = Math.min(scan.toNanos(), queryStart);
            long span = scan.fromNanos() > to ? 0 : to - scan.fromNanos();
            if (longest == null || span > longest.nanos()) {
                longest = new TemporalRange(span, scan.tableArn());
            }
        }
        return new QueryInsights(Optional.ofNullable(widest), Optional.ofNullable(longest), tables.size(), outputRows,
                outputBytes);
    }
}
