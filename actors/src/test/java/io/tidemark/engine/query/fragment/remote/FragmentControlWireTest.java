package io.tidemark.engine.query.fragment.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.engine.shard.fragment.CancelFragment;
import io.tidemark.engine.shard.fragment.FragmentId;
import io.tidemark.engine.shard.fragment.FragmentStarted;
import io.tidemark.engine.shard.fragment.TrackedFragment;
import io.tidemark.engine.testing.KryoWireSystem;
import java.io.IOException;
import java.io.NotSerializableException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The fragment control messages (a fragment sent under its attempt's id, the running node's
 * receipt, the querying node's cancel) round-trip through the Pekko Kryo serializer under their
 * frozen ids (630-632), with frozen bytes ({@code fixtures/fragment-control-v1}); damaged ones are
 * refused. The control refs are the dead-letters ref of a local system named {@code wire}, so the
 * bytes carry no host or port.
 */
class FragmentControlWireTest {

    private static final FragmentId ID = new FragmentId("3f2a9c0d5e6b47a8b1c2d3e4f5a6b7c8", 42,
            "0123456789abcdef", 3, 2);

    @RegisterExtension
    static final KryoWireSystem WIRE = new KryoWireSystem();

    /** One of each message, by fixture name, with the Kryo id it is registered under. */
    static Map<String, Map.Entry<Object, Integer>> samples() {
        Map<String, Map.Entry<Object, Integer>> samples = new LinkedHashMap<>();
        samples.put("TrackedFragment", Map.entry(new TrackedFragment(ID, WIRE.deadLetters(),
                FragmentWireSerializerTest.fragment("SELECT hostname, avg(usage_user) FROM metrics.cpu GROUP BY"
                        + " hostname")), 630));
        samples.put("FragmentStarted", Map.entry(new FragmentStarted(ID, WIRE.deadLetters()), 631));
        samples.put("CancelFragment", Map.entry(new CancelFragment(ID, "the query was cancelled"), 632));
        return samples;
    }

    @Test
    void everyMessageIsMarkedAndRegisteredUnderItsFrozenId() {
        WIRE.assertFrozenIds(samples());
    }

    @Test
    void bytesMatchTheV1FixturesAndReadBackToTheSameBytes() throws IOException {
        WIRE.assertFixtures("fragment-control-v1", samples());
    }

    @Test
    void idsReasonsAndTheTrackedFragmentCrossWithoutItsLocalPart() {
        TrackedFragment tracked = (TrackedFragment) WIRE.fromBinary(WIRE.toBinary(samples().get("TrackedFragment")
                .getKey()));
        assertThat(tracked.id()).isEqualTo(ID);
        assertThat(tracked.control()).isEqualTo(WIRE.deadLetters());
        ShippedFragment inner = (ShippedFragment) tracked.fragment();
        assertThat(inner.local()).isNull();
        assertThat(inner.queryId()).isEqualTo("q-1");

        CancelFragment cancel = (CancelFragment) WIRE.fromBinary(WIRE.toBinary(new CancelFragment(ID, "timed out")));
        assertThat(cancel).isEqualTo(new CancelFragment(ID, "timed out"));
        FragmentStarted started = (FragmentStarted) WIRE.fromBinary(WIRE.toBinary(new FragmentStarted(ID,
                WIRE.deadLetters())));
        assertThat(started.id()).isEqualTo(ID);
    }

    @Test
    void refusesDamagedMessagesAndUnknownIds() {
        // id 639 (+2 = 0x281) is in the range of fragment control messages but registered to nothing
        assertThatThrownBy(() -> WIRE.fromBinary(new byte[] {(byte) 0x81, 0x05, 0x00}))
                .isInstanceOf(NotSerializableException.class).hasMessageContaining("cannot deserialize with Kryo");
        // a CancelFragment (632 + 2 = 0x27a) whose query id and table id are null
        assertThatThrownBy(() -> WIRE.fromBinary(new byte[] {(byte) 0xfa, 0x04, (byte) 0x80, 0x00, (byte) 0x80, 0x00,
            0x00, (byte) 0x80})).isInstanceOf(NotSerializableException.class)
                .hasMessageContaining("a fragment id field is null");
    }

}
