package io.tidemark.storage.serialization;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.io.NotSerializableException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.serialization.JSerializer;

/**
 * Pekko serializer for events, snapshots and messages marked {@link KryoSerializable}. Classes
 * are registered from config, each under a fixed id that becomes part of the persisted bytes:
 * <pre>
 * tidemark.serialization.kryo.classes {
 *   "io.tidemark.Example" = 300                                   # Kryo's default serializer
 *   "io.tidemark.Other" = { id = 301, serializer = "io.tidemark.Other$KryoSerializer" }
 * }
 * </pre>
 * Registration is required both ways: writing an unregistered class fails with
 * {@link NotSerializableException}, and bytes naming an unknown id are refused, so a stored
 * payload can never make Kryo instantiate a class the config did not list. The bytes are Kryo's
 * {@code writeClassAndObject}: a varint class id (registered id + 2) followed by the object.
 */
public final class PekkoKryoSerializer extends JSerializer {

    /** Pekko serializer id, stored with every payload; never change it. */
    public static final int IDENTIFIER = 7301;

    /** Config path of the class → id registrations. */
    public static final String CLASSES_PATH = "tidemark.serialization.kryo.classes";

    private final KryoPool pool;
    private final Set<Class<?>> registered;

    /**
     * The constructor Pekko calls; reads the registrations from the system's config, and registers
     * the system's typed actor refs ({@link ActorRefKryoSerializer}, id
     * {@value ActorRefKryoSerializer#KRYO_ID}) so messages can carry reply-to refs between nodes.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public PekkoKryoSerializer(ExtendedActorSystem system) {
        this(system.settings().config(), system.dynamicAccess().classLoader(), KryoPool.builder()
                .register((Class) ActorRefKryoSerializer.refClass(system), ActorRefKryoSerializer.of(system),
                        ActorRefKryoSerializer.KRYO_ID));
    }

    public PekkoKryoSerializer(Config config, ClassLoader classLoader) {
        this(config, classLoader, KryoPool.builder());
    }

    private PekkoKryoSerializer(Config config, ClassLoader classLoader, KryoPool.Builder builder) {
        Set<Class<?>> types = new HashSet<>();
        if (config.hasPath(CLASSES_PATH)) {
            for (Map.Entry<String, ConfigValue> e : config.getObject(CLASSES_PATH).entrySet()) {
                Class<?> type = load(e.getKey(), classLoader);
                register(builder, type, e.getValue(), classLoader);
                types.add(type);
            }
        }
        this.pool = builder.build();
        this.registered = Set.copyOf(types);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void register(KryoPool.Builder builder, Class<?> type, ConfigValue value, ClassLoader loader) {
        if (value.valueType() == ConfigValueType.NUMBER) {
            builder.register(type, ((Number) value.unwrapped()).intValue());
            return;
        }
        if (value.valueType() != ConfigValueType.OBJECT) {
            throw new IllegalArgumentException("cannot read Kryo registration: class=" + type.getName()
                    + ", value=" + value.render() + " (expected an id or { id, serializer })");
        }
        Config entry = ((ConfigObject) value).toConfig();
        int id = entry.getInt("id");
        if (!entry.hasPath("serializer")) {
            builder.register(type, id);
            return;
        }
        String serializerName = entry.getString("serializer");
        Serializer serializer;
        try {
            java.lang.reflect.Constructor<?> ctor = load(serializerName, loader).getDeclaredConstructor();
            ctor.setAccessible(true);
            serializer = (Serializer) ctor.newInstance();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalArgumentException("cannot create Kryo serializer: class=" + type.getName()
                    + ", serializer=" + serializerName, e);
        }
        builder.register((Class) type, serializer, id);
    }

    private static Class<?> load(String name, ClassLoader loader) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("cannot register class with Kryo: class=" + name
                    + " is not on the classpath (" + CLASSES_PATH + ")", e);
        }
    }

    @Override
    public int identifier() {
        return IDENTIFIER;
    }

    @Override
    public boolean includeManifest() {
        return false;
    }

    @Override
    public byte[] toBinary(Object o) {
        if (!registered.contains(o.getClass())) {
            throw sneaky(new NotSerializableException("cannot serialize with Kryo: class=" + o.getClass().getName()
                    + " is not registered under " + CLASSES_PATH));
        }
        return pool.writeClassAndObject(o);
    }

    @Override
    public Object fromBinaryJava(byte[] bytes, Class<?> manifest) {
        try {
            return pool.readClassAndObject(bytes);
        } catch (KryoException e) {
            NotSerializableException refused = new NotSerializableException("cannot deserialize with Kryo: bytes="
                    + bytes.length + ", cause=" + e.getMessage());
            refused.initCause(e);
            throw sneaky(refused);
        }
    }

    /** Pekko's Scala signatures declare no checked exceptions but expect NotSerializableException. */
    @SuppressWarnings("unchecked")
    private static <E extends Throwable> RuntimeException sneaky(Throwable e) throws E {
        throw (E) e;
    }
}
