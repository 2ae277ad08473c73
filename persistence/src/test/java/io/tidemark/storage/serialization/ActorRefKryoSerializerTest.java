package io.tidemark.storage.serialization;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ActorRefKryoSerializerTest {

    /** A message carrying a reply-to ref, registered with Kryo's default (record) serializer. */
    public record Ping(String text, ActorRef<String> replyTo) implements KryoSerializable {}

    private ActorTestKit testKit;

    @BeforeEach
    void start() {
        testKit = ActorTestKit.create("kryo-refs", ConfigFactory.parseString(
                PekkoKryoSerializer.CLASSES_PATH + " { \"" + Ping.class.getName() + "\" = 160 }")
                .withFallback(ConfigFactory.load()));
    }

    @AfterEach
    void stop() {
        testKit.shutdownTestKit();
    }

    @Test
    void aReplyToRefSurvivesTheRoundTripAndStillReachesItsActor() {
        ExtendedActorSystem system = (ExtendedActorSystem) Adapter.toClassic(testKit.system());
        PekkoKryoSerializer serializer = new PekkoKryoSerializer(system);
        TestProbe<String> probe = testKit.createTestProbe();

        Ping back = (Ping) serializer.fromBinary(serializer.toBinary(new Ping("hello", probe.ref())));

        assertThat(back.text()).isEqualTo("hello");
        assertThat(back.replyTo()).isEqualTo(probe.ref());
        back.replyTo().tell("pong");
        probe.expectMessage(Duration.ofSeconds(10), "pong");
    }
}
