package io.tidemark.http.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.engine.EngineException;
import io.tidemark.engine.ErrorKind;
import org.junit.jupiter.api.Test;

/** Pins the error code and HTTP status each engine failure kind is sent with, and the body's members. */
class WireErrorTest {

    @Test
    void everyEngineFailureKindHasTimestreamsCodeAndStatus() {
        assertThat(render(ErrorKind.VALIDATION)).isEqualTo("400 ValidationException");
        assertThat(render(ErrorKind.NOT_FOUND)).isEqualTo("404 ResourceNotFoundException");
        assertThat(render(ErrorKind.CONFLICT)).isEqualTo("409 ConflictException");
        assertThat(render(ErrorKind.THROTTLING)).isEqualTo("429 ThrottlingException");
        assertThat(render(ErrorKind.QUOTA_EXCEEDED)).isEqualTo("402 ServiceQuotaExceededException");
        assertThat(render(ErrorKind.INTERNAL)).isEqualTo("500 InternalServerException");
        assertThat(ErrorKind.values()).hasSize(6);
    }

    @Test
    void anInternalFailureKeepsItsDetailsFromTheCaller() {
        WireError error = WireError.of(EngineException.internal("cannot journal write: journal failed, table=t1, dir="
                + "/var/lib/tidemark/shards/t1/0/journal, cause=java.io.IOException: No space left on device",
                new java.io.IOException("No space left on device")));

        assertThat(error.status()).isEqualTo(500);
        assertThat(error.message()).isEqualTo(WireError.INTERNAL_MESSAGE).doesNotContain("journal", "/", "Exception");
        assertThat(WireError.of(EngineException.validation("cannot write: table=t1")).message())
                .isEqualTo("cannot write: table=t1");
    }

    @Test
    void theBodyCarriesTypeMessageAndExtraMembers() {
        WireError error = WireError.of(419, "RejectedRecordsException", "rejected");
        error.extra().putArray("RejectedRecords").addObject().put("RecordIndex", 3);

        assertThat(error.body().toString()).isEqualTo(
                "{\"__type\":\"RejectedRecordsException\",\"Message\":\"rejected\",\"RejectedRecords\":[{\"RecordIndex\":3}]}");
    }

    private static String render(ErrorKind kind) {
        WireError e = WireError.of(new EngineException(kind, "m"));
        return e.status() + " " + e.type();
    }
}
