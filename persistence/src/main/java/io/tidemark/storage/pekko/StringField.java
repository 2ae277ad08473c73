package io.tidemark.storage.pekko;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.tidemark.storage.serialization.KryoCounts;
import java.nio.charset.StandardCharsets;

/**
 * The one string layout of the plugin formats: unsigned LEB128 varint byte count, then UTF-8.
 * Used instead of Kryo's own string encoding, whose ASCII/UTF-8 switch would complicate the
 * byte-by-byte specification.
 */
final class StringField {

    private StringField() {}

    static void write(Output out, String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeVarInt(utf8.length, true);
        out.writeBytes(utf8);
    }

    static String read(Input in) {
        int length = KryoCounts.readCount(in, "string field", "length");
        return new String(in.readBytes(length), StandardCharsets.UTF_8);
    }
}
