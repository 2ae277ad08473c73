package io.tidemark.engine.wire;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.esotericsoftware.kryo.io.Output;
import io.tidemark.engine.testing.KryoWireSystem;
import java.io.NotSerializableException;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every remote message and stored payload that carries a list or a byte string refuses, before it
 * allocates anything for it, an element count larger than the bytes that follow: damaged or
 * hostile bytes cannot make a node allocate gigabytes. Each case writes the message's fields up to
 * its count exactly as its serializer does, then a count of a million followed by a few bytes.
 */
class ImpossibleCountsTest {

    private static final int HUGE = 1_000_000;

    @RegisterExtension
    static final KryoWireSystem WIRE = new KryoWireSystem();

    static Stream<Arguments> messages() {
        return Stream.of(
                Arguments.of("catalog snapshot databases", 350, (Consumer<Output>) out -> {
                    out.writeByte(1);
                    out.writeVarLong(7, true);
                }),
                Arguments.of("catalog page items", 382, (Consumer<Output>) out -> { }),
                Arguments.of("replicated shard entries", 455, (Consumer<Output>) out -> {
                    out.writeString("table-1");
                    out.writeVarInt(0, true);
                    out.writeBoolean(true);
                }),
                Arguments.of("write notices", 502, (Consumer<Output>) out -> out.writeString("node-1")),
                Arguments.of("migration report tables", 509, (Consumer<Output>) out -> out.writeString("node-1")),
                Arguments.of("migration report shards", 509, (Consumer<Output>) out -> {
                    out.writeString("node-1");
                    out.writeVarInt(1, true);
                    out.writeString("table-1");
                }),
                Arguments.of("fragment output aggregation state bytes", 603, (Consumer<Output>) out -> {
                    out.writeVarLong(42, true);
                    out.writeVarInt(1, true);
                    out.writeVarInt(1, true);
                    out.writeByte(11);
                    out.writeBoolean(false);
                    out.writeByte(6);
                }),
                Arguments.of("catalog journal append", 550, (Consumer<Output>) out -> { }),
                Arguments.of("catalog journal answer", 551, (Consumer<Output>) out -> { }),
                Arguments.of("catalog journal events", 555, (Consumer<Output>) out -> { }),
                Arguments.of("catalog journal event batch", 550, (Consumer<Output>) out -> out.writeVarInt(1, true)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void refusesACountLargerThanThePayload(String what, int id, Consumer<Output> fieldsBeforeCount) {
        Output out = new Output(64, -1);
        out.writeVarInt(id + 2, true);
        fieldsBeforeCount.accept(out);
        out.writeVarInt(HUGE, true);
        out.writeBytes(new byte[] {1, 2, 3});
        byte[] bytes = out.toBytes();
        assertThatThrownBy(() -> WIRE.fromBinary(bytes)).isInstanceOf(NotSerializableException.class)
                .hasMessageContaining("count exceeds payload");
    }
}
