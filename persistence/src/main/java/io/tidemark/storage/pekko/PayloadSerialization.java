package io.tidemark.storage.pekko;

import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;

/**
 * Event and snapshot payloads go through Pekko serialization, configured by the application's
 * {@code serialization-bindings}, so the plugins store any payload the application can serialize
 * and never choose classes themselves.
 */
final class PayloadSerialization {

    private final Serialization serialization;

    PayloadSerialization(ActorSystem system) {
        this.serialization = SerializationExtension.get(system);
    }

    /** Fails (typically NotSerializableException) if no serializer is bound for the payload's class. */
    SerializedPayload serialize(Object payload) throws Exception {
        Serializer serializer = serialization.findSerializerFor(payload);
        String manifest = Serializers.manifestFor(serializer, payload);
        return new SerializedPayload(serializer.identifier(), manifest, serializer.toBinary(payload));
    }

    Object deserialize(SerializedPayload payload) {
        return serialization.deserialize(payload.bytes(), payload.serializerId(), payload.manifest()).get();
    }
}
