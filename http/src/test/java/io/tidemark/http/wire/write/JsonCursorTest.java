package io.tidemark.http.wire.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tidemark.http.wire.WireJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cursor reads a subset of what the wire's Jackson parser reads, and reads it the same: for any
 * bytes, either it declines ({@link JsonCursor#NOT_TAKEN}) or it gives Jackson's tokens, texts,
 * integers and byte offsets; whatever Jackson refuses, it declines.
 */
class JsonCursorTest {

    /** Both readings of {@code bytes} as text, one line per token; "refused" when Jackson fails. */
    private static String jackson(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        try (JsonParser p = WireJson.MAPPER.getFactory().createParser(bytes)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                out.append(switch (t) {
                    case START_OBJECT -> "{";
                    case END_OBJECT -> "}";
                    case START_ARRAY -> "[";
                    case END_ARRAY -> "]";
                    case FIELD_NAME -> "name " + p.currentName();
                    case VALUE_STRING -> "string " + p.getText();
                    case VALUE_NUMBER_INT -> p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? "big integer"
                            : "integer " + p.getLongValue();
                    case VALUE_NULL -> "null";
                    default -> "scalar";
                }).append(at(t.isStructStart() || t.isStructEnd(), p.currentLocation().getByteOffset())).append('\n');
            }
            return out.toString();
        } catch (IOException e) {
            return "refused";
        }
    }

    /**
     * Quoted texts the guessing reading tries at every token; the texts JSON must escape (a quote,
     * a backslash, a control character) or UTF-8 cannot carry have no plain form and are left out.
     */
    private static final List<JsonCursor.Quoted> GUESSES = Stream.of("", "a", "Dimensions", "h\u00e9", "\uD83D\uDE00",
            "x".repeat(40), "q\"", "b\\s", "\u0001", "\uDE00").map(JsonCursor::plainQuoted).filter(Objects::nonNull)
            .toList();

    private static String cursor(byte[] bytes) {
        return cursor(bytes, false);
    }

    /**
     * @param guessing try each of {@link #GUESSES} as the next name ({@link JsonCursor#nextNameIs})
     *     and as the next member value ({@link JsonCursor#nextStringIs}) before reading each token
     */
    private static String cursor(byte[] bytes, boolean guessing) {
        StringBuilder out = new StringBuilder();
        JsonCursor c = new JsonCursor().reset(bytes, 0, bytes.length);
        try {
            while (true) {
                String guessed = guessing ? guess(c) : null;
                if (guessed != null) {
                    out.append(guessed).append('\n');
                    continue;
                }
                int t = c.next();
                if (t == JsonCursor.END) {
                    return out.toString();
                }
                out.append(switch (t) {
                    case JsonCursor.START_OBJECT -> "{";
                    case JsonCursor.END_OBJECT -> "}";
                    case JsonCursor.START_ARRAY -> "[";
                    case JsonCursor.END_ARRAY -> "]";
                    case JsonCursor.NAME -> "name " + new String(c.chars(), 0, c.textLength());
                    case JsonCursor.STRING -> "string " + new String(c.chars(), 0, c.textLength());
                    case JsonCursor.INTEGER -> c.integerFitsLong() ? "integer " + c.integer() : "big integer";
                    case JsonCursor.NULL -> "null";
                    default -> "scalar";
                }).append(at(t <= JsonCursor.END_ARRAY, c.offset())).append('\n');
            }
        } catch (RuntimeException e) {
            if (e == JsonCursor.NOT_TAKEN) {
                return "not taken";
            }
            throw e;
        }
    }

    private static String guess(JsonCursor c) {
        for (JsonCursor.Quoted quoted : GUESSES) {
            String text = new String(quoted.bytes, 1, quoted.bytes.length - 2, StandardCharsets.UTF_8);
            if (c.nextNameIs(quoted)) {
                return "name " + text;
            }
            if (c.nextStringIs(quoted)) {
                return "string " + text;
            }
        }
        return null;
    }

    /** The offset after a bracket or brace (where Jackson has consumed exactly the token; after a name it reads ahead). */
    private static String at(boolean bracket, long offset) {
        return bracket ? " @" + offset : "";
    }

    private static String agrees(byte[] bytes) {
        return agrees(bytes, false);
    }

    private static String agrees(byte[] bytes, boolean guessing) {
        String cursor = cursor(bytes, guessing);
        String jackson = jackson(bytes);
        if (jackson.equals("refused")) {
            assertThat(cursor).as("what Jackson refuses").isEqualTo("not taken");
        } else if (!cursor.equals("not taken")) {
            assertThat(cursor).isEqualTo(jackson);
        }
        return jackson.equals("refused") ? "refused" : cursor.equals("not taken") ? "declined" : "read";
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"Records\":[{\"Dimensions\":[{\"Name\":\"host\",\"Value\":\"h1\"}],\"Time\":\"17\",\"Version\":3}]}",
        " { \"a\" : [ 1 , -0 , 12.5e3 , true , false , null , { } , [ ] ] } \n",
        "{\"esc\":\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t \\u00e9\\uD83D\\uDE00 \\u0000\"}",
        "{\"utf8\":\"h\u00e9llo \u20ac \uD83D\uDE00\"}",
        "[9223372036854775807, -9223372036854775808, 9223372036854775808, -9223372036854775809, 1e5, 0.5]",
        "\"just a string\"", "123", "null", "[]", "{}"})
    void readsWhatJacksonReadsTheSameWay(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);

        assertThat(cursor(bytes)).isEqualTo(jackson(bytes)).isNotEqualTo("not taken");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "[1,]", "[1 2]", "{\"a\" 1}", "{a:1}",
        "[01]", "[-]", "[1.]", "[1e]", "[.5]", "[+1]", "[tru]", "[nul]", "[True]", "{\"a\":\"\\x\"}",
        "{\"a\":\"\\u12g4\"}", "{\"a\":\"tab\there\"}", "{\"a\":1}x", "[1]]", "]", "[\"open",
        "{'a':1}", "[NaN]", "[1]/* c */"})
    void declinesWhatJacksonRefuses(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);

        assertThat(jackson(bytes)).isEqualTo("refused");
        assertThat(cursor(bytes)).isEqualTo("not taken");
    }

    /** Jackson's streaming parser reads these as no value, or as a sequence of root values; a body is one value. */
    @ParameterizedTest
    @ValueSource(strings = {"", " \n", "{\"a\":1}{}", "[] []"})
    void declinesAnythingButOneRootValue(String json) {
        assertThat(cursor(json.getBytes(StandardCharsets.UTF_8))).isEqualTo("not taken");
    }

    @ParameterizedTest
    @ValueSource(strings = {"c0 80", "e0 80 80", "ed a0 80", "f4 90 80 80", "f5 80 80 80", "80", "c3", "e2 82", "ff"})
    void declinesMalformedOrOverlongUtf8(String hex) {
        String[] parts = hex.split(" ");
        byte[] bytes = new byte[parts.length + 4];
        bytes[0] = '[';
        bytes[1] = '"';
        for (int i = 0; i < parts.length; i++) {
            bytes[2 + i] = (byte) Integer.parseInt(parts[i], 16);
        }
        bytes[bytes.length - 2] = '"';
        bytes[bytes.length - 1] = ']';

        assertThat(cursor(bytes)).isEqualTo("not taken");
    }

    @ParameterizedTest
    @ValueSource(ints = {63, 64, 65})
    void declinesNestingPastTheWireMappersCap(int depth) {
        byte[] bytes = ("[".repeat(depth) + "]".repeat(depth)).getBytes(StandardCharsets.US_ASCII);

        assertThat(cursor(bytes)).isEqualTo(depth <= JsonCursor.MAX_DEPTH ? jackson(bytes) : "not taken");
    }

    @org.junit.jupiter.api.Test
    void skipsAContainerWholeAndGivesTheOffsetAfterIt() {
        byte[] bytes = "{\"skip\":[{\"a\":[1,{\"b\":\"]\"}]}],\"next\":7}".getBytes(StandardCharsets.UTF_8);
        JsonCursor c = new JsonCursor().reset(bytes, 0, bytes.length);

        c.next();
        c.next();
        assertThat(c.next()).isEqualTo(JsonCursor.START_ARRAY);
        int from = c.offset() - 1;
        c.skipChildren();

        assertThat(new String(bytes, from, c.offset() - from, StandardCharsets.UTF_8)).isEqualTo("[{\"a\":[1,{\"b\":\"]\"}]}]");
        assertThat(c.next()).isEqualTo(JsonCursor.NAME);
        assertThat(c.next()).isEqualTo(JsonCursor.INTEGER);
        assertThat(c.integer()).isEqualTo(7);
        assertThat(c.next()).isEqualTo(JsonCursor.END_OBJECT);
        assertThat(c.next()).isEqualTo(JsonCursor.END);
    }

    @org.junit.jupiter.api.Test
    void skipsAContainerUncheckedByBracketsAndQuotesAlone() {
        byte[] bytes = "{\"skip\":[{\"a\":\"]\\\"}\"}, [tru, {]}],\"next\":\"n\"}".getBytes(StandardCharsets.UTF_8);
        JsonCursor c = new JsonCursor().reset(bytes, 0, bytes.length);

        c.next();
        c.next();
        c.next();
        int from = c.offset() - 1;
        c.skipUnchecked();

        assertThat(new String(bytes, from, c.offset() - from, StandardCharsets.UTF_8))
                .isEqualTo("[{\"a\":\"]\\\"}\"}, [tru, {]}]");
        assertThat(c.next()).isEqualTo(JsonCursor.NAME);
        assertThat(c.textIs(utf8("next"))).isTrue();
        assertThat(c.next()).isEqualTo(JsonCursor.STRING);
        assertThat(c.textIs(utf8("n"))).isTrue();
        assertThat(c.textIs(utf8("next"))).isFalse();
        assertThat(c.next()).isEqualTo(JsonCursor.END_OBJECT);
    }

    @org.junit.jupiter.api.Test
    void comparesPlainAndDecodedTextsAlike() {
        byte[] bytes = "[\"plain\",\"h\u00e9\",\"\\u0041b\"]".getBytes(StandardCharsets.UTF_8);
        JsonCursor c = new JsonCursor().reset(bytes, 0, bytes.length);
        c.next();

        c.next();
        assertThat(c.textIs(utf8("plain"))).isTrue();
        assertThat(c.textIs(utf8("plaiN"))).isFalse();
        c.next();
        assertThat(c.textIs(utf8("h\u00e9"))).isTrue();
        c.next();
        assertThat(c.textIs(utf8("Ab"))).isTrue();
        assertThat(new String(c.chars(), 0, c.textLength())).isEqualTo("Ab");
    }

    /**
     * Strings are delimited eight bytes at a time: a quote, an escape, a control character or a
     * multi-byte character at any place of a word (and in the tail after the last whole word)
     * must end the plain run exactly there, read or skipped.
     */
    @ParameterizedTest
    @ValueSource(strings = {"\\\"", "\\\\", "\\n", "\u00e9", "\uD83D\uDE00", "\u2028"})
    void readsAndSkipsAStringWhateverItsSpecialCharactersPlaceInAWord(String special) {
        for (int length = 0; length <= 20; length++) {
            for (int at = 0; at <= length; at++) {
                String text = "x".repeat(at) + special + "y".repeat(length - at);
                byte[] bytes = ("[" + text.length() + ",\"" + text + "\",[\"" + text + "\"],\"z\"]")
                        .getBytes(StandardCharsets.UTF_8);

                assertThat(cursor(bytes)).as(text).isEqualTo(jackson(bytes));
                JsonCursor c = new JsonCursor().reset(bytes, 0, bytes.length);
                c.next();
                c.next();
                c.next();
                assertThat(c.next()).isEqualTo(JsonCursor.START_ARRAY);
                c.skipUnchecked();
                assertThat(c.next()).as(text).isEqualTo(JsonCursor.STRING);
                assertThat(c.textIs(utf8("z"))).as(text).isTrue();
            }
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @org.junit.jupiter.api.Test
    void declinesAByteOrderMark() {
        byte[] bytes = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'};

        assertThatThrownBy(() -> new JsonCursor().reset(bytes, 0, bytes.length).next()).isSameAs(JsonCursor.NOT_TAKEN);
    }

    @Property(tries = 1500)
    void neverReadsDifferentlyFromJackson(@ForAll("texts") byte[] bytes) {
        Statistics.label("outcome").collect(agrees(bytes));
    }

    @Property(tries = 1500)
    void comparingExpectedTextsAsBytesNeverReadsDifferentlyFromJackson(@ForAll("texts") byte[] bytes) {
        Statistics.label("outcome").collect(agrees(bytes, true));
    }

    @org.junit.jupiter.api.Test
    void takesAnExpectedNameOrStringOnlyWrittenPlainlyInItsPlace() {
        byte[] json = "{\"a\":\"b\",\"a\" :\"b\",\"ab\":[\"b\"]}".getBytes(StandardCharsets.UTF_8);
        JsonCursor.Quoted a = JsonCursor.plainQuoted("a");
        JsonCursor.Quoted b = JsonCursor.plainQuoted("b");
        JsonCursor c = new JsonCursor().reset(json, 0, json.length);
        assertThat(c.nextNameIs(a)).as("before the object").isFalse();
        assertThat(c.next()).isEqualTo(JsonCursor.START_OBJECT);
        assertThat(c.nextStringIs(b)).as("a string where a name goes").isFalse();
        assertThat(c.nextNameIs(a)).isTrue();
        assertThat(c.nextNameIs(a)).as("a name where a value goes").isFalse();
        assertThat(c.nextStringIs(b)).isTrue();
        assertThat(c.nextNameIs(a)).as("whitespace before the colon").isFalse();
        assertThat(c.next()).isEqualTo(JsonCursor.NAME);
        assertThat(c.nextStringIs(b)).isTrue();
        assertThat(c.nextNameIs(a)).as("a longer name").isFalse();
        assertThat(c.next()).isEqualTo(JsonCursor.NAME);
        assertThat(c.next()).isEqualTo(JsonCursor.START_ARRAY);
        assertThat(c.nextStringIs(b)).as("an array element").isFalse();
        assertThat(c.next()).isEqualTo(JsonCursor.STRING);
        assertThat(c.next()).isEqualTo(JsonCursor.END_ARRAY);
        assertThat(c.next()).isEqualTo(JsonCursor.END_OBJECT);
        assertThat(c.next()).isEqualTo(JsonCursor.END);
    }

    @org.junit.jupiter.api.Test
    void givesNoPlainFormToATextJsonMustEscapeOrUtf8CannotCarry() {
        assertThat(JsonCursor.plainQuoted("h\u00e9").bytes).isEqualTo("\"h\u00e9\"".getBytes(StandardCharsets.UTF_8));
        assertThat(JsonCursor.plainQuoted("").bytes).isEqualTo(new byte[] {'"', '"'});
        for (String escaped : List.of("q\"", "b\\s", "tab\t", "\u0001", "\uDE00", "\uD83D")) {
            assertThat(JsonCursor.plainQuoted(escaped)).as(escaped).isNull();
        }
    }

    @Provide
    Arbitrary<byte[]> texts() {
        Arbitrary<byte[]> valid = json(3).map(s -> s.getBytes(StandardCharsets.UTF_8));
        // damaged: a byte replaced, or the text cut short
        Arbitrary<byte[]> damaged = Arbitraries.lazy(() -> valid).flatMap(b -> b.length == 0 ? Arbitraries.just(b)
                : Arbitraries.integers().between(0, b.length - 1).flatMap(at -> Arbitraries.oneOf(
                        Arbitraries.of((byte) '"', (byte) '\\', (byte) ',', (byte) '}', (byte) ']', (byte) 0x80,
                                (byte) 0xC3, (byte) 0x01, (byte) 'e', (byte) '.', (byte) '-').map(x -> {
                                    byte[] copy = b.clone();
                                    copy[at] = x;
                                    return copy;
                                }),
                        Arbitraries.just(java.util.Arrays.copyOf(b, at)))));
        return Arbitraries.oneOf(valid, damaged);
    }

    private static Arbitrary<String> json(int depth) {
        Arbitrary<String> whitespace = Arbitraries.of("", "", " ", "\n\t ", "\r\n");
        Arbitrary<String> strings = Arbitraries.of("", "a", "Dimensions", "h\u00e9", "\uD83D\uDE00", "q\"", "b\\s",
                "tab\t", "\u0001", "\u2028", "x".repeat(40)).map(JsonCursorTest::quote);
        Arbitrary<String> escaped = Arbitraries.of("\"\\u0041\\n\"", "\"\\/\"", "\"\\uDE00\"");
        Arbitrary<String> numbers = Arbitraries.of("0", "-0", "7", "-12", "3.25", "1e9", "-2E-3",
                "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
                "123456789012345678901234567890");
        Arbitrary<String> scalars = Arbitraries.oneOf(strings, escaped, numbers, Arbitraries.of("true", "false",
                "null"));
        if (depth == 0) {
            return scalars;
        }
        Arbitrary<String> inner = json(depth - 1);
        Arbitrary<String> arrays = Combinators2.list(inner, whitespace).map(items -> "[" + String.join(",", items)
                + "]");
        Arbitrary<String> objects = Combinators2.list(net.jqwik.api.Combinators.combine(strings, whitespace, inner)
                .as((k, w, v) -> k + w + ":" + w + v), whitespace).map(items -> "{" + String.join(",", items) + "}");
        return Arbitraries.oneOf(scalars, arrays, objects);
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            if (ch == '"' || ch == '\\') {
                out.append('\\').append(ch);
            } else if (ch < 0x20) {
                out.append(String.format("\\u%04x", (int) ch));
            } else {
                out.append(ch);
            }
        }
        return out.append('"').toString();
    }

    /** Lists of up to four items, each with whitespace around. */
    private static final class Combinators2 {
        static Arbitrary<List<String>> list(Arbitrary<String> items, Arbitrary<String> whitespace) {
            return net.jqwik.api.Combinators.combine(items, whitespace).as((i, w) -> w + i + w).list().ofMaxSize(4)
                    .map(ArrayList::new);
        }
    }
}
