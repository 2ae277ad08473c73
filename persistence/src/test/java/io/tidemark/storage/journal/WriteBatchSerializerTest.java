package io.tidemark.storage.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.esotericsoftware.kryo.KryoException;
import io.tidemark.storage.serialization.KryoPool;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class WriteBatchSerializerTest {

    private final KryoPool kryo = TestBatches.kryo();

    @Test
    void roundTripsBatchesOfEverySizeWithAllColumnTypesAndAbsentValues() {
        for (int seq = 0; seq < 200; seq++) {
            WriteBatch batch = TestBatches.batch(seq, seq % 150);
            Object back = kryo.readClassAndObject(kryo.writeClassAndObject(batch));
            assertThat(back).isEqualTo(batch);
        }
    }

    @Test
    void writesTheRegisteredIdAsTheClassTag() {
        byte[] bytes = kryo.writeClassAndObject(TestBatches.batch(1, 1));
        // Kryo writes a registered class as varint(id + 2).
        assertThat(bytes[0] & 0xFF).isEqualTo(WriteBatchSerializer.WRITE_BATCH_KRYO_ID + 2);
    }

    @Test
    void refusesToWriteOrReadAnUnregisteredClass() {
        assertThatThrownBy(() -> kryo.writeClassAndObject(new java.util.ArrayList<String>()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not registered");
        byte[] bytes = kryo.writeClassAndObject(TestBatches.batch(1, 1));
        bytes[0] = (byte) (WriteBatchSerializer.WRITE_BATCH_KRYO_ID + 3); // an id nobody registered
        assertThatThrownBy(() -> kryo.readClassAndObject(bytes)).isInstanceOf(KryoException.class)
                .hasMessageContaining("unregistered class ID");
    }

    @Test
    void refusesATruncatedPayload() {
        byte[] bytes = kryo.writeClassAndObject(TestBatches.batch(3, 40));
        byte[] truncated = Arrays.copyOf(bytes, bytes.length / 2);
        assertThatThrownBy(() -> kryo.readClassAndObject(truncated)).isInstanceOf(KryoException.class);
    }
}
