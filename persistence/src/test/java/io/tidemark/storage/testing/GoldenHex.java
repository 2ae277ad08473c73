package io.tidemark.storage.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.stream.Collectors;

/**
 * Golden hex fixtures under {@code src/test/resources/fixtures/}: hex digits, whitespace anywhere,
 * and comments from {@code #} to the end of a line, so a fixture can annotate each field.
 */
public final class GoldenHex {

    private GoldenHex() {}

    /** The bytes of the fixture at {@code resource}, e.g. {@code "/fixtures/journal-entry-v1/batch-entry.hex"}. */
    public static byte[] read(String resource) {
        try (InputStream in = GoldenHex.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture: " + resource);
            }
            String hex = new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines()
                    .map(line -> line.replaceAll("#.*", ""))
                    .collect(Collectors.joining())
                    .replaceAll("\\s", "");
            return HexFormat.of().parseHex(hex);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read fixture: resource=" + resource, e);
        }
    }

    /** Asserts {@code actual} is byte for byte {@code golden}, showing both as hex on failure. */
    public static void assertSameBytes(byte[] actual, byte[] golden, String what) {
        assertThat(HexFormat.of().formatHex(actual)).as(what).isEqualTo(HexFormat.of().formatHex(golden));
    }
}
