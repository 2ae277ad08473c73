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
