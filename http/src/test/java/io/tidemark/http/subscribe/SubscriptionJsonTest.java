package io.tidemark.http.subscribe;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.engine.ErrorKind;
import io.tidemark.engine.subscription.SubscriptionEvent;
import io.tidemark.http.wire.WireError;
import org.junit.jupiter.api.Test;

class SubscriptionJsonTest {

    @Test
    void anInternalFailureFrameCarriesTheFixedMessageNotTheEnginesDetails() {
        String frame = SubscriptionJson.render(new SubscriptionEvent.Failed(ErrorKind.INTERNAL,
                "cannot scan shard: /var/lib/tidemark/shards/t-42/0/journal: Not a directory"));

        assertThat(frame).contains("\"errorType\":\"InternalServerException\"")
                .contains(WireError.INTERNAL_MESSAGE)
                .doesNotContain("/var/lib").doesNotContain("t-42");
    }

    @Test
    void aCallersErrorFrameKeepsItsMessage() {
        String frame = SubscriptionJson.render(new SubscriptionEvent.Failed(ErrorKind.VALIDATION,
                "line 1:8: column 'x' cannot be resolved"));

        assertThat(frame).contains("\"errorType\":\"ValidationException\"")
                .contains("line 1:8: column 'x' cannot be resolved");
    }
}
