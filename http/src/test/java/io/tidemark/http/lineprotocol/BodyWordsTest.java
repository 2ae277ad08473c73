package io.tidemark.http.lineprotocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** A body word is the eight bytes at its offset, little-endian, and a read past either end is refused. */
class BodyWordsTest {

    @Property(tries = 2000)
    void aWordIsItsEightBytesLittleEndian(@ForAll @Size(min = 8, max = 64) byte[] b, @ForAll @IntRange(max = 56) int at) {
        int i = Math.min(at, b.length - 8);
        assertThat(BodyWords.get(b, i)).isEqualTo(ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong(i));
    }

    @Property(tries = 500)
    void aWordPastEitherEndIsRefused(@ForAll @Size(max = 32) byte[] b, @ForAll @IntRange(min = 1, max = 8) int past) {
        assertThatThrownBy(() -> BodyWords.get(b, b.length - 8 + past)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> BodyWords.get(b, -past)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
