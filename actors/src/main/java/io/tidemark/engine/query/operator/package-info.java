/**
 * Relational operators over columnar {@link io.tidemark.engine.query.vector.Batch}es: filter,
 * limit, sort and top-N, distinct, hash aggregation (single, partial and final steps), joins, set
 * operations and unnest. The planner composes them; each works on whole batches and reads the
 * primitive arrays of {@link io.tidemark.engine.query.vector.Vector}s directly.
 *
 * <p>Conventions shared by every operator:
 * <ul>
 * <li>Keys compare as IS NOT DISTINCT FROM wherever rows are grouped or matched as sets (GROUP BY,
 *     DISTINCT, UNION/INTERSECT/EXCEPT): null is one value, {@code -0.0} equals {@code 0.0}, NaN
 *     equals NaN. Join keys compare with SQL {@code =}: null and NaN match nothing.</li>
 * <li>Hash tables ({@link io.tidemark.engine.query.operator.GroupByHash}), sort buffers and join
 *     build sides reserve an estimate of their memory with the query's
 *     {@link io.tidemark.engine.query.QueryContext} as they grow and release it when done, so a
 *     query past its memory limit fails with a clear error instead of exhausting the heap.</li>
 * <li>Long loops call {@link io.tidemark.engine.query.QueryContext#checkRunning()} per batch or
 *     per 64K rows, so cancellation and deadlines take effect promptly.</li>
 * <li>Results keep a defined order: input order for filter, distinct and the set operations (first
 *     occurrences), a stable order for sort and top-N, left order for joins.</li>
 * </ul>
 */
package io.tidemark.engine.query.operator;
