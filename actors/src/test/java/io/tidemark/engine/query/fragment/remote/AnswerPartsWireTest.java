package io.tidemark.engine.query.fragment.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.engine.shard.fragment.HeldAnswerCommand;
import io.tidemark.engine.testing.KryoWireSystem;
import io.tidemark.sql.type.PrimitiveType;
import java.io.IOException;
import java.io.NotSerializableException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The messages of fragment answers sent in parts round-trip through the Pekko Kryo serializer with
 * the registrations of the actors module's reference.conf, under their frozen ids (640-642), with
 * frozen bytes ({@code fixtures/answer-parts-v1}); an impossible part index is refused. The refs
 * are the dead-letters ref of a local system named {@code wire}, so the bytes carry no host or port.
 */
class AnswerPartsWireTest {

    @RegisterExtension
    static final KryoWireSystem WIRE = new KryoWireSystem();

    private static <T> ActorRef<T> ref() {
        return WIRE.deadLetters();
    }

    static Batch rows() {
        return new Batch(List.of(
                Vector.ofObjects(PrimitiveType.VARCHAR, new Object[] {"host_1", null}, 2),
                Vector.ofLongs(PrimitiveType.TIMESTAMP, new long[] {1_700_000_000_000_000_000L, 1}, null, 2),
                Vector.ofDoubles(PrimitiveType.DOUBLE, new double[] {0.5, -2.25}, null, 2)), 2);
    }

    /** One of each message, by fixture name, with the Kryo id it is registered under. */
    static Map<String, Map.Entry<Object, Integer>> samples() {
        Map<String, Map.Entry<Object, Integer>> samples = new LinkedHashMap<>();
        samples.put("OutputPart", Map.entry(new OutputPart(rows(), 123_456, 300, 2, 5, ref()), 640));
        samples.put("NextPart", Map.entry(new HeldAnswerCommand.NextPart(300, 3, ref()), 641));
        samples.put("Release", Map.entry(new HeldAnswerCommand.Release(300), 642));
        return samples;
    }

    @Test
    void everyMessageIsMarkedAndRegisteredUnderItsFrozenId() {
        WIRE.assertFrozenIds(samples());
    }

    @Test
    void bytesMatchTheV1FixturesAndReadBackToTheSameBytes() throws IOException {
        WIRE.assertFixtures("answer-parts-v1", samples());
    }

    @Test
    void aPartReadsBackWithItsPlaceRowsAndHolder() {
        OutputPart back = (OutputPart) WIRE.fromBinary(WIRE.toBinary(samples().get("OutputPart").getKey()));
        assertThat(List.of(back.answerId(), back.index(), back.count(), back.bytesScanned()))
                .isEqualTo(List.of(300L, 2, 5, 123_456L));
        assertThat(back.hasNext()).isTrue();
        assertThat(back.holder().path().toString()).isEqualTo("pekko://wire/deadLetters");
        BatchRoundTripTest.assertSameBatch(back.batch(), rows());
    }

    @Test
    void refusesAPartIndexOutsideItsCount() {
        byte[] bytes = WIRE.toBinary(samples().get("OutputPart").getKey());
        // answerId 300 is two varint bytes after the class id; index 2 -> 7 (of count 5)
        assertThat(bytes[4]).isEqualTo((byte) 2);
        bytes[4] = 7;
        assertThatThrownBy(() -> WIRE.fromBinary(bytes)).isInstanceOf(NotSerializableException.class)
                .hasMessageContaining("not one of at least two parts, index=7, count=5");
    }

}
