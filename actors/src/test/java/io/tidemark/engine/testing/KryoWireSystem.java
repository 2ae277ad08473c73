package io.tidemark.engine.testing;

import com.typesafe.config.ConfigFactory;
import io.tidemark.storage.serialization.KryoSerializable;
import io.tidemark.storage.serialization.PekkoKryoSerializer;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Adapter;

/**
 * A local actor system named {@code wire} bound to Kryo as a node's config binds it
 * ({@code tidemark/single-node.conf}: every {@link KryoSerializable} through
 * {@link PekkoKryoSerializer}, every class registered in the modules' reference.conf), with no
 * cluster and no persistence, for the tests of remote messages' bytes. Its dead-letters ref is
 * the reply-to of golden messages, so their bytes carry no host or port.
 */
public final class KryoWireSystem implements AutoCloseable {

    private final ActorTestKit testKit;
    private final PekkoKryoSerializer serializer;

    private KryoWireSystem(ActorTestKit testKit) {
        this.testKit = testKit;
        this.serializer = new PekkoKryoSerializer((ExtendedActorSystem) Adapter.toClassic(testKit.system()));
    }

    public static KryoWireSystem start() {
        return new KryoWireSystem(ActorTestKit.create("wire", ConfigFactory.parseString(
                "pekko.actor.provider = local\n"
                        + "pekko.actor.serializers.kryo = \"" + PekkoKryoSerializer.class.getName() + "\"\n"
                        + "pekko.actor.serialization-bindings { \"" + KryoSerializable.class.getName() + "\" = kryo }")
                .withFallback(ConfigFactory.load())));
    }

    public ActorTestKit testKit() {
        return testKit;
    }

    public PekkoKryoSerializer serializer() {
        return serializer;
    }

    /** The system's dead letters, typed as a reply-to of any message. */
    @SuppressWarnings("unchecked")
    public <T> ActorRef<T> deadLetters() {
        return (ActorRef<T>) testKit.system().deadLetters();
    }

    @Override
    public void close() {
        testKit.shutdownTestKit();
    }
}
