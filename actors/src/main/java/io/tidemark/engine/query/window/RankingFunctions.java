package io.tidemark.engine.query.window;

import io.tidemark.engine.query.function.QueryFunctionException;
import io.tidemark.engine.query.vector.Vector;
import java.util.Locale;
import java.util.Set;

/**
 * {@code row_number}, {@code rank}, {@code dense_rank}, {@code percent_rank}, {@code cume_dist}
 * and {@code ntile}: functions of a row's place in its partition and peer group, blind to frames.
 */
final class RankingFunctions {

    static final Set<String> NAMES = Set.of("row_number", "rank", "dense_rank", "percent_rank", "cume_dist", "ntile");

    private enum Kind {
        ROW_NUMBER, RANK, DENSE_RANK, PERCENT_RANK, CUME_DIST, NTILE
    }

    private RankingFunctions() {
    }

    /** @param buckets ntile's argument (null for the others) */
    static void evaluate(String function, PartitionLayout layout, Vector buckets, ColumnWriter out) {
        Kind kind = Kind.valueOf(function.toUpperCase(Locale.ROOT));
        for (int p = 0; p < layout.partitionCount(); p++) {
            int from = layout.partitionStarts[p];
            int to = layout.partitionStarts[p + 1];
            long size = to - from;
            long denseRank = 0;
            for (int k = from; k < to; k++) {
                int row = layout.sorted[k];
                long rank = layout.peerStart[k] - from + 1;
                if (layout.peerStart[k] == k) {
                    denseRank++;
                }
                switch (kind) {
                    case ROW_NUMBER:
                        out.setLong(row, k - from + 1);
                        break;
                    case RANK:
                        out.setLong(row, rank);
                        break;
                    case DENSE_RANK:
                        out.setLong(row, denseRank);
                        break;
                    case PERCENT_RANK:
                        out.setDouble(row, size == 1 ? 0.0 : (rank - 1) / (double) (size - 1));
                        break;
                    case CUME_DIST:
                        out.setDouble(row, (layout.peerEnd[k] - from) / (double) size);
                        break;
                    default:
                        ntile(buckets, row, k - from, size, out);
                }
            }
        }
    }

    /** Trino's ntile: the first {@code size % buckets} buckets hold one row more than the rest. */
    private static void ntile(Vector buckets, int row, long index, long size, ColumnWriter out) {
        if (buckets.isNull(row)) {
            out.setNull(row);
            return;
        }
        long n = buckets.getLong(row);
        if (n <= 0) {
            throw new QueryFunctionException("Buckets must be greater than 0");
        }
        if (n >= size) {
            out.setLong(row, index + 1);
            return;
        }
        long perBucket = size / n;
        long larger = size % n;
        long largerRows = larger * (perBucket + 1);
        out.setLong(row, index < largerRows ? index / (perBucket + 1) + 1 : larger + (index - largerRows) / perBucket + 1);
    }
}
