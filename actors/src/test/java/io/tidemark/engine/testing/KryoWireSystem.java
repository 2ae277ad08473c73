package io.tidemark.engine.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.tidemark.storage.serialization.KryoSerializable;
import io.tidemark.storage.serialization.PekkoKryoSerializer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A local actor system named {@code wire} bound to Kryo as a node's config binds it
 * ({@code tidemark/single-node.conf}: every {@link KryoSerializable} through
 * {@link PekkoKryoSerializer}, every class registered in the modules' reference.conf), with no
 * cluster and no persistence, for the tests of remote messages' bytes. Its dead-letters ref is
 * the reply-to of golden messages, so their bytes carry no host or port.
 *
 * <p>A JUnit extension: a test class declares {@code @RegisterExtension static final KryoWireSystem
 * WIRE = new KryoWireSystem();} and the system runs from before its first test to after its last.
 */
public final class KryoWireSystem implements BeforeAllCallback, AfterAllCallback {

    private ActorTestKit testKit;
    private PekkoKryoSerializer serializer;

    @Override
    public void beforeAll(ExtensionContext context) {
        testKit = ActorTestKit.create("wire", ConfigFactory.parseString(
                "pekko.actor.provider = local\n"
                        + "pekko.actor.serializers.kryo = \"" + PekkoKryoSerializer.class.getName() + "\"\n"
                        + "pekko.actor.serialization-bindings { \"" + KryoSerializable.class.getName() + "\" = kryo }")
                .withFallback(ConfigFactory.load()));
        serializer = new PekkoKryoSerializer((ExtendedActorSystem) Adapter.toClassic(testKit.system()));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        testKit.shutdownTestKit();
    }

    public ActorTestKit testKit() {
        return testKit;
    }

    public PekkoKryoSerializer serializer() {
        return serializer;
    }

    public byte[] toBinary(Object message) {
        return serializer.toBinary(message);
    }

    public Object fromBinary(byte[] bytes) {
        return serializer.fromBinary(bytes);
    }

    /** The system's dead letters, typed as a reply-to of any message. */
    @SuppressWarnings("unchecked")
    public <T> ActorRef<T> deadLetters() {
        return (ActorRef<T>) testKit.system().deadLetters();
    }

    /**
     * Every sample (name → value and the Kryo id it is registered under) is marked for Kryo
     * (exceptions excepted: they are registered by class) and written under its id, which Kryo writes
     * first as the id + 2 in an unsigned varint.
     */
    public void assertFrozenIds(Map<String, Map.Entry<Object, Integer>> samples) {
        samples.forEach((name, sample) -> {
            Object value = sample.getKey();
            int id = sample.getValue();
            if (!(value instanceof Throwable)) {
                assertThat(value).as(name).isInstanceOf(KryoSerializable.class);
            }
            byte[] bytes = serializer.toBinary(value);
            assertThat(bytes[0] & 0xFF).as(name).isEqualTo(((id + 2) & 0x7F) | 0x80);
            assertThat(bytes[1] & 0xFF).as(name).isEqualTo((id + 2) >>> 7);
        });
    }

    /**
     * Every sample's bytes are those of its fixture {@code /fixtures/<directory>/<name>.hex}, and the
     * fixture's bytes read back to a value of the sample's class that writes the same bytes again.
     */
    public void assertFixtures(String directory, Map<String, Map.Entry<Object, Integer>> samples) throws IOException {
        for (Map.Entry<String, Map.Entry<Object, Integer>> e : samples.entrySet()) {
            String actual = HexFormat.of().formatHex(serializer.toBinary(e.getValue().getKey()));
            String expected;
            try (InputStream in = KryoWireSystem.class.getResourceAsStream(
                    "/fixtures/" + directory + "/" + e.getKey() + ".hex")) {
                assertThat(in).as("fixture for " + e.getKey() + ", today's bytes: " + actual).isNotNull();
                expected = new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
            }
            assertThat(actual).as("bytes of %s changed: nodes of different versions would no longer understand"
                    + " each other", e.getKey()).isEqualTo(expected);
            Object back = serializer.fromBinary(HexFormat.of().parseHex(expected));
            assertThat(back).isInstanceOf(e.getValue().getKey().getClass());
            assertThat(HexFormat.of().formatHex(serializer.toBinary(back))).isEqualTo(expected);
        }
    }
}
