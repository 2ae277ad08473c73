package io.tidemark.http.lineprotocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The word-at-a-time comparison of two ranges of a padded body agrees with a byte-by-byte one. */
class TableLinesTest {

    @Property(tries = 5000)
    void sameBytesAgreesWithArraysEquals(@ForAll @Size(min = 1, max = 60) byte[] text,
            @ForAll @IntRange(max = 59) int s, @ForAll @IntRange(max = 59) int start,
            @ForAll @IntRange(max = 20) int length, @ForAll @IntRange(max = 2) int lengthDelta, @ForAll boolean repeat) {
        // Mostly one repeated pattern, so equal ranges are common and differ, when they do, in one byte.
        byte[] body = repeat ? repeated(text) : text.clone();
        int limit = body.length;
        body = Arrays.copyOf(body, limit + LineScanner.PADDING);
        Arrays.fill(body, limit, body.length, (byte) '\n');
        int s0 = Math.min(s, limit - 1);
        int start0 = Math.min(start, limit - 1);
        int e = Math.min(limit, s0 + length);
        int end = Math.min(limit, start0 + length + lengthDelta % 2);
        assertThat(TableLines.sameBytes(body, s0, e, start0, end))
                .isEqualTo(Arrays.equals(body, s0, e, body, start0, end));
    }

    private static byte[] repeated(byte[] text) {
        byte[] pattern = Arrays.copyOf(text, Math.min(text.length, 5));
        byte[] body = new byte[60];
        for (int i = 0; i < body.length; i++) {
            body[i] = pattern[i % pattern.length];
        }
        if (text.length > 5) {
            body[text[5] & 31] ^= 1;
        }
        return body;
    }
}
