package io.tidemark.storage.pekko;

import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import scala.util.Try;

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

    /**
     * Fails with an unchecked exception naming the serializer if the payload cannot be read back
     * (Pekko's own failure, often a checked NotSerializableException, is the cause).
     */
    Object deserialize(SerializedPayload payload) {
        Try<Object> result = serialization.deserialize(payload.bytes(), payload.serializerId(), payload.manifest());
        if (result.isFailure()) {
            throw new IllegalStateException("cannot deserialize payload: serializerId=" + payload.serializerId()
                    + ", manifest=" + payload.manifest() + ", bytes=" + payload.bytes().length, result.failed().get());
        }
        return result.get();
    }
}
