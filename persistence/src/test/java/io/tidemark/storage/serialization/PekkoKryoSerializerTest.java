package io.tidemark.storage.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.typesafe.config.ConfigFactory;
import java.io.NotSerializableException;
import org.junit.jupiter.api.Test;

class PekkoKryoSerializerTest {

    /** A persisted type with its own serializer, as the config's object form names it. */
    public record Point(String name, long value) implements KryoSerializable {
        static final class KryoSerializer extends com.esotericsoftware.kryo.Serializer<Point> {
            @Override
            public void write(Kryo kryo, Output out, Point p) {
                out.writeString(p.name);
                out.writeVarLong(p.value, true);
            }

            @Override
            public Point read(Kryo kryo, Input in, Class<? extends Point> type) {
                return new Point(in.readString(), in.readVarLong(true));
            }
        }
    }

    /** A class registered with Kryo's default serializer, by the config's number form. */
    public static final class Counter implements KryoSerializable {
        int count;
    }

    public record Unregistered(int x) implements KryoSerializable {}

    private static PekkoKryoSerializer serializer(String classes) {
        return new PekkoKryoSerializer(ConfigFactory.parseString(PekkoKryoSerializer.CLASSES_PATH + " { " + classes + " }"),
                PekkoKryoSerializerTest.class.getClassLoader());
    }

    private static final String BOTH = "\"" + Point.class.getName() + "\" = { id = 150, serializer = \""
            + Point.KryoSerializer.class.getName() + "\" }\n\"" + Counter.class.getName() + "\" = 151";

    @Test
    void roundTripsRegisteredClassesWithTheirSerializers() {
        PekkoKryoSerializer kryo = serializer(BOTH);
        byte[] bytes = kryo.toBinary(new Point("cpu", 300));
        assertThat(kryo.fromBinary(bytes)).isEqualTo(new Point("cpu", 300));

        Counter c = new Counter();
        c.count = 7;
        assertThat(((Counter) kryo.fromBinary(kryo.toBinary(c))).count).isEqualTo(7);
        assertThat(kryo.identifier()).isEqualTo(7301);
        assertThat(kryo.includeManifest()).isFalse();
    }

    @Test
    void pinsTheBytesOfARegisteredClass() {
        // class id 150 + 2 as a varint (0x98 0x01), then the serializer's own bytes (Kryo string
        // "a", varint 1): a changed prefix means every persisted payload became unreadable.
        byte[] bytes = serializer(BOTH).toBinary(new Point("a", 1));
        assertThat(bytes).containsExactly(0x98, 0x01, 0x82, 0x61, 0x01);
    }

    @Test
    void refusesToWriteAnUnregisteredClass() {
        assertThatThrownBy(() -> serializer(BOTH).toBinary(new Unregistered(1)))
                .isInstanceOf(NotSerializableException.class)
                .hasMessageContaining("cannot serialize with Kryo")
                .hasMessageContaining(Unregistered.class.getName());
    }

    @Test
    void refusesToReadAnIdItDoesNotKnow() {
        byte[] bytes = serializer(BOTH).toBinary(new Point("cpu", 1));
        String onlyCounter = "\"" + Counter.class.getName() + "\" = 151";
        assertThatThrownBy(() -> serializer(onlyCounter).fromBinary(bytes))
                .isInstanceOf(NotSerializableException.class)
                .hasMessageContaining("cannot deserialize with Kryo");
    }

    @Test
    void refusesAClassMissingFromTheClasspath() {
        assertThatThrownBy(() -> serializer("\"io.tidemark.NoSuchClass\" = 160"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("io.tidemark.NoSuchClass");
    }
}
