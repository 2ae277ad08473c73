package io.tidemark.engine.tier;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RunRequestsTest {

    private static final Duration ANSWER = Duration.ofSeconds(10);
    private static ActorTestKit testKit;

    @BeforeAll
    static void startActorSystem() {
        testKit = ActorTestKit.create("RunRequestsTest");
    }

    @AfterAll
    static void stopActorSystem() {
        testKit.shutdownTestKit();
    }

    @Test
    void aRequestDuringAPassIsAnsweredByTheNextPassAndTicksDuringAPassAreDropped() {
        RunRequests<String> requests = new RunRequests<>();
        TestProbe<String> first = testKit.createTestProbe();
        TestProbe<String> second = testKit.createTestProbe();
        TestProbe<String> third = testKit.createTestProbe();

        assertThat(requests.request(first.getRef())).isTrue();
        assertThat(requests.request(second.getRef())).isFalse();
        assertThat(requests.tick()).isFalse();
        assertThat(requests.request(third.getRef())).isFalse();

        assertThat(requests.finish("pass 1")).isTrue();
        assertThat(first.receiveMessage(ANSWER)).isEqualTo("pass 1");
        assertThat(requests.tick()).isFalse();

        assertThat(requests.finish("pass 2")).isFalse();
        assertThat(second.receiveMessage(ANSWER)).isEqualTo("pass 2");
        assertThat(third.receiveMessage(ANSWER)).isEqualTo("pass 2");
        first.expectNoMessage(Duration.ZERO);

        assertThat(requests.tick()).isTrue();
        assertThat(requests.request(first.getRef())).isFalse();
        assertThat(requests.finish("pass 3")).isTrue();
        assertThat(requests.finish("pass 4")).isFalse();
        assertThat(first.receiveMessage(ANSWER)).isEqualTo("pass 4");
    }
}
