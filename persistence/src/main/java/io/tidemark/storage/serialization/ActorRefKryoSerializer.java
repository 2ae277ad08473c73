package io.tidemark.storage.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.javadsl.Adapter;

/**
 * Writes a typed {@link ActorRef} inside a Kryo-serialized message as its serialization format
 * (the actor's full path with its node address), and resolves it on the receiving node, so
 * replies and subscriptions work across the cluster. Registered by {@link PekkoKryoSerializer}
 * under {@link #KRYO_ID} for the concrete class of every typed ref of an actor system.
 */
@SuppressWarnings("rawtypes")
public final class ActorRefKryoSerializer extends Serializer<ActorRef> {

    /** Kryo id of typed actor refs in messages; part of the wire format, never change it. */
    public static final int KRYO_ID = 110;

    private final ActorRefResolver resolver;

    public ActorRefKryoSerializer(ActorRefResolver resolver) {
        super(false, true);
        this.resolver = resolver;
    }

    /** The concrete class typed refs of {@code system} have (all of them share one). */
    public static Class<? extends ActorRef> refClass(ExtendedActorSystem system) {
        return Adapter.toTyped(system.deadLetters()).getClass();
    }

    public static ActorRefKryoSerializer of(ExtendedActorSystem system) {
        return new ActorRefKryoSerializer(ActorRefResolver.get(Adapter.toTyped(system)));
    }

    @Override
    @SuppressWarnings("unchecked")
    public void write(Kryo kryo, Output output, ActorRef ref) {
        output.writeString(resolver.toSerializationFormat(ref));
    }

    @Override
    public ActorRef read(Kryo kryo, Input input, Class<? extends ActorRef> type) {
        return resolver.resolveActorRef(input.readString());
    }
}
