package io.tidemark.engine.metering;

import io.tidemark.engine.EngineException;
import io.tidemark.engine.ErrorKind;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of the SQL statements this node ran (Query pages served from a stored result are not
 * runs and are not counted): how many finished, how many failed by {@link ErrorKind}, and the
 * bytes their fragments scanned. Thread-safe; one per query service.
 */
public final class QueryMeter {

    private final LongAdder succeeded = new LongAdder();
    private final LongAdder[] failedByKind = new LongAdder[ErrorKind.values().length];
    private final LongAdder bytesScanned = new LongAdder();

    public QueryMeter() {
        for (int k = 0; k < failedByKind.length; k++) {
            failedByKind[k] = new LongAdder();
        }
    }

    /** A statement ran to its result after scanning {@code scannedBytes}. */
    public void succeeded(long scannedBytes) {
        succeeded.increment();
        bytesScanned.add(scannedBytes);
    }

    /** A statement failed; a failure that is not an {@link EngineException} counts as INTERNAL. */
    public void failed(Throwable failure) {
        ErrorKind kind = failure instanceof EngineException e ? e.kind() : ErrorKind.INTERNAL;
        failedByKind[kind.ordinal()].increment();
    }

    public long succeededCount() {
        return succeeded.sum();
    }

    public long failedCount(ErrorKind kind) {
        return failedByKind[kind.ordinal()].sum();
    }

    public long bytesScanned() {
        return bytesScanned.sum();
    }
}
