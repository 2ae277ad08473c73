package io.tidemark.storage.journal;

import static org.assertj.core.api.Assertions.assertThat;

import com.esotericsoftware.kryo.io.Output;
import io.tidemark.storage.model.Dimension;
import io.tidemark.storage.model.SeriesKey;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeriesKeyEncodingsTest {

    private static SeriesKey key(int host, String measure) {
        return SeriesKey.of(List.of(new Dimension("hostname", "host_" + host), new Dimension("region", "eu-wäst-1"),
                new Dimension("rack", "")), measure);
    }

    private static byte[] written(SeriesKeyEncodings encodings, SeriesKey key) {
        Output out = new Output(16, -1);
        encodings.write(out, key);
        return out.toBytes();
    }

    private static byte[] direct(SeriesKey key) {
        Output out = new Output(16, -1);
        SeriesKeyEncodings.writeDirect(out, key);
        return out.toBytes();
    }

    @Test
    void aKeptEncodingIsTheBytesOfTheKeyWrittenFieldByField() {
        SeriesKeyEncodings encodings = new SeriesKeyEncodings(SeriesKeyEncodings.DEFAULT_MAX_BYTES);
        for (int round = 0; round < 3; round++) {
            for (int host = 0; host < 20; host++) {
                // an equal key built again finds the same bytes; a key of another measure gets its own
                assertThat(written(encodings, key(host, "cpu"))).isEqualTo(direct(key(host, "cpu")));
                assertThat(written(encodings, key(host, "mem"))).isEqualTo(direct(key(host, "mem")));
            }
        }
        assertThat(encodings.size()).isEqualTo(40);
    }

    @Test
    void emptiesItselfWhenItWouldHoldMoreThanItsBoundAndStillWritesEveryKey() {
        long oneEntry = SeriesKeyEncodings.encode(key(0, "cpu")).length + 64L;
        SeriesKeyEncodings encodings = new SeriesKeyEncodings(oneEntry * 4);
        for (int host = 0; host < 10; host++) {
            assertThat(written(encodings, key(host, "cpu"))).isEqualTo(direct(key(host, "cpu")));
            assertThat(encodings.size()).isBetween(1, 4);
        }
        assertThat(written(encodings, key(9, "cpu"))).isEqualTo(direct(key(9, "cpu")));
    }

    @Test
    void theBatchSerializerWritesTheSameBytesTheSecondTime() {
        var kryo = TestBatches.kryo();
        WriteBatch batch = TestBatches.batch(4, 60);
        byte[] first = kryo.writeClassAndObject(batch);
        byte[] second = kryo.writeClassAndObject(TestBatches.batch(4, 60));
        assertThat(second).isEqualTo(first);
        assertThat(kryo.readClassAndObject(second)).isEqualTo(batch);
    }
}
