package io.tidemark.engine.metering;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.engine.EngineException;
import io.tidemark.engine.ErrorKind;
import org.junit.jupiter.api.Test;

/** Statement outcomes are counted apart: successes with their scanned bytes, failures by error kind. */
class QueryMeterTest {

    @Test
    void successesAddTheirBytesAndFailuresCountByKind() {
        QueryMeter meter = new QueryMeter();

        meter.succeeded(100);
        meter.succeeded(23);
        meter.failed(EngineException.validation("line 1:8: mismatched input"));
        meter.failed(new EngineException(ErrorKind.THROTTLING, "busy"));
        meter.failed(new IllegalStateException("not an engine failure"));

        assertThat(meter.succeededCount()).isEqualTo(2);
        assertThat(meter.bytesScanned()).isEqualTo(123);
        assertThat(meter.failedCount(ErrorKind.VALIDATION)).isEqualTo(1);
        assertThat(meter.failedCount(ErrorKind.THROTTLING)).isEqualTo(1);
        assertThat(meter.failedCount(ErrorKind.INTERNAL)).isEqualTo(1);
        assertThat(meter.failedCount(ErrorKind.NOT_FOUND)).isZero();
    }
}
