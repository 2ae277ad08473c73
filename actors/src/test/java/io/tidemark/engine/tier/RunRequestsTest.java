package io.tidemark.engine.tier;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.pekko.actor.testkit.typed.javadsl.TestInbox;
import org.junit.jupiter.api.Test;

class RunRequestsTest {

    @Test
    void aRequestDuringAPassIsAnsweredByTheNextPassAndTicksDuringAPassAreDropped() {
        RunRequests<String> requests = new RunRequests<>();
        TestInbox<String> first = TestInbox.create();
        TestInbox<String> second = TestInbox.create();
        TestInbox<String> third = TestInbox.create();

        assertThat(requests.request(first.getRef())).isTrue();
        assertThat(requests.request(second.getRef())).isFalse();
        assertThat(requests.tick()).isFalse();
        assertThat(requests.request(third.getRef())).isFalse();

        assertThat(requests.finish("pass 1")).isTrue();
        assertThat(first.getAllReceived()).containsExactly("pass 1");
        assertThat(second.hasMessages()).isFalse();
        assertThat(requests.tick()).isFalse();

        assertThat(requests.finish("pass 2")).isFalse();
        assertThat(second.getAllReceived()).containsExactly("pass 2");
        assertThat(third.getAllReceived()).containsExactly("pass 2");
        assertThat(first.hasMessages()).isFalse();

        assertThat(requests.tick()).isTrue();
        assertThat(requests.request(first.getRef())).isFalse();
        assertThat(requests.finish("pass 3")).isTrue();
        assertThat(first.hasMessages()).isFalse();
        assertThat(requests.finish("pass 4")).isFalse();
        assertThat(first.getAllReceived()).containsExactly("pass 4");
    }
}
