package io.tidemark.storage.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The one way Tidemark makes Kryo instances. Registration is always required, so a stream can only
 * name classes registered here, under fixed ids: Kryo never instantiates a class named by its bytes.
 * Ids are part of the on-disk and wire formats — never renumber or reuse one.
 *
 * <p>Kryo instances are not thread-safe; this pool lends one per use.
 */
public final class KryoPool {

    /** Ids below this are Kryo's own (primitives, String, …). */
    public static final int FIRST_APPLICATION_ID = 100;

    private final List<Registration> registrations;
    private final Pool<Kryo> pool;

    private KryoPool(List<Registration> registrations) {
        this.registrations = List.copyOf(registrations);
        this.pool = new Pool<>(true, false, 16) {
            @Override
            protected Kryo create() {
                return newKryo();
            }
        };
    }

    public static Builder builder() {
        return new Builder();
    }

    private Kryo newKryo() {
        Kryo kryo = new Kryo();
        kryo.setRegistrationRequired(true);
        kryo.setReferences(false);
        for (Registration r : registrations) {
            if (r.serializer == null) {
                kryo.register(r.type, r.id);
            } else {
                kryo.register(r.type, r.serializer, r.id);
            }
        }
        return kryo;
    }

    /** Serializes {@code value} with its class tag, so {@link #readClassAndObject} can read it back. */
    public byte[] writeClassAndObject(Object value) {
        Kryo kryo = pool.obtain();
        try (Output out = new Output(256, -1)) {
            kryo.writeClassAndObject(out, value);
            return out.toBytes();
        } finally {
            pool.free(kryo);
        }
    }

    public Object readClassAndObject(byte[] bytes) {
        Kryo kryo = pool.obtain();
        try (Input in = new Input(bytes)) {
            return kryo.readClassAndObject(in);
        } finally {
            pool.free(kryo);
        }
    }

    /** Lends a Kryo instance for streaming use; it must not escape {@code body}. */
    public void with(Consumer<Kryo> body) {
        Kryo kryo = pool.obtain();
        try {
            body.accept(kryo);
        } finally {
            pool.free(kryo);
        }
    }

    private record Registration(Class<?> type, Serializer<?> serializer, int id) {}

    public static final class Builder {
        private final List<Registration> registrations = new ArrayList<>();

        public Builder register(Class<?> type, int id) {
            return add(new Registration(type, null, id));
        }

        public <T> Builder register(Class<T> type, Serializer<T> serializer, int id) {
            return add(new Registration(type, serializer, id));
        }

        private Builder add(Registration r) {
            if (r.id < FIRST_APPLICATION_ID) {
                throw new IllegalArgumentException("Kryo id " + r.id + " is reserved; use " + FIRST_APPLICATION_ID + "+");
            }
            for (Registration other : registrations) {
                if (other.id == r.id || other.type == r.type) {
                    throw new IllegalArgumentException("duplicate Kryo registration: " + r.type.getName() + " id " + r.id);
                }
            }
            registrations.add(r);
            return this;
        }

        public KryoPool build() {
            return new KryoPool(registrations);
        }
    }
}
