package io.tidemark.http.lineprotocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.storage.model.Dimension;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Randomised: any bytes scan into points, blank lines and per-line errors without an exception
 * and always make progress; lines written with the protocol's escapes from arbitrary names and
 * values scan back to exactly those names and values.
 */
class LineScannerFuzzTest {

    @Property(tries = 2000)
    void arbitraryBytesGiveOnlyPerLineErrors(@ForAll @Size(max = 300) byte[] body) {
        scanEverything(body);
    }

    @Property(tries = 2000)
    void arbitraryProtocolishTextGivesOnlyPerLineErrors(@ForAll("protocolish") String text) {
        scanEverything(text.getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 1000)
    void escapedLinesScanBackToTheirNamesAndValues(@ForAll("points") List<Point> points) {
        StringBuilder body = new StringBuilder();
        for (Point p : points) {
            body.append(p.line()).append('\n');
        }
        byte[] b = body.toString().getBytes(StandardCharsets.UTF_8);
        ParsedLine line = new ParsedLine();
        int p = 0;
        for (Point expected : points) {
            p = LineScanner.scan(b, p, b.length, line);
            assertThat(line.kind).as(expected.line()).isEqualTo(ParsedLine.POINT);
            SeriesSection series = SeriesSection.parse(b, line.seriesStart, line.seriesEnd);
            assertThat(series.isValid()).as(expected.line()).isTrue();
            assertThat(series.measurement()).isEqualTo(expected.measurement);
            Map<String, String> tags = new LinkedHashMap<>();
            for (Dimension d : series.key().dimensions()) {
                tags.put(d.name(), d.value());
            }
            assertThat(tags).isEqualTo(expected.tags);
            assertThat(line.fieldCount).isEqualTo(expected.fields.size());
            int f = 0;
            for (Map.Entry<String, Object> field : expected.fields.entrySet()) {
                assertThat(EscapedText.decode(b, line.keyStart[f], line.keyEnd[f], EscapedText.KEY))
                        .isEqualTo(field.getKey());
                Object v = field.getValue();
                if (v instanceof String) {
                    assertThat(line.type[f]).isEqualTo(ParsedLine.STRING);
                    assertThat(EscapedText.decode(b, line.textStart[f], line.textEnd[f], EscapedText.STRING))
                            .isEqualTo(v);
                } else if (v instanceof Long) {
                    assertThat(line.type[f]).isEqualTo(ParsedLine.INTEGER);
                    assertThat(line.value[f]).isEqualTo(v);
                } else if (v instanceof Double) {
                    assertThat(line.type[f]).isEqualTo(ParsedLine.FLOAT);
                    assertThat(line.doubleValue(f)).isEqualTo(v);
                } else {
                    assertThat(line.type[f]).isEqualTo(ParsedLine.BOOLEAN);
                    assertThat(line.value[f] != 0).isEqualTo(v);
                }
                f++;
            }
            assertThat(line.hasTime).isTrue();
            assertThat(line.time).isEqualTo(expected.time);
        }
        assertThat(p).isEqualTo(b.length);
    }

    @Property(tries = 2000)
    void aBodyPaddedWithNewlinesScansAsWithout(@ForAll("protocolish") String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        byte[] padded = Arrays.copyOf(b, b.length + LineScanner.PADDING);
        Arrays.fill(padded, b.length, padded.length, (byte) '\n');
        ParsedLine line = new ParsedLine();
        ParsedLine paddedLine = new ParsedLine();
        for (int p = 0; p < b.length; ) {
            int next = LineScanner.scan(b, p, b.length, line);
            assertThat(LineScanner.scan(padded, p, b.length, paddedLine)).isEqualTo(next);
            assertThat(paddedLine.kind).isEqualTo(line.kind);
            assertThat(paddedLine.error).isEqualTo(line.error);
            assertThat(paddedLine.errorColumn).isEqualTo(line.errorColumn);
            if (line.kind == ParsedLine.POINT) {
                assertThat(paddedLine.seriesEnd).isEqualTo(line.seriesEnd);
                assertThat(paddedLine.seriesHash).isEqualTo(line.seriesHash);
                assertThat(paddedLine.fieldCount).isEqualTo(line.fieldCount);
                for (int f = 0; f < line.fieldCount; f++) {
                    assertThat(paddedLine.keyEnd[f]).isEqualTo(line.keyEnd[f]);
                    assertThat(paddedLine.type[f]).isEqualTo(line.type[f]);
                    assertThat(paddedLine.value[f]).isEqualTo(line.value[f]);
                }
                assertThat(paddedLine.time).isEqualTo(line.time);
            }
            p = next;
        }
    }

    @Property(tries = 3000)
    void numbersScanToTheirValues(@ForAll("digitStrings") String digits, @ForAll boolean negative,
            @ForAll("suffixes") String suffix, @ForAll("valueEnds") String end, @ForAll boolean padded) {
        String value = (negative ? "-" : "") + digits + suffix;
        byte[] text = ("m k=" + value + end).getBytes(StandardCharsets.US_ASCII);
        byte[] b = padded ? Arrays.copyOf(text, text.length + LineScanner.PADDING) : text;
        if (padded) {
            Arrays.fill(b, text.length, b.length, (byte) '\n');
        }
        ParsedLine line = new ParsedLine();
        LineScanner.scan(b, 0, text.length, line);
        String number = (negative ? "-" : "") + digits;
        if (suffix.isEmpty()) {
            assertThat(line.kind).isEqualTo(ParsedLine.POINT);
            assertThat(line.type[0]).isEqualTo(ParsedLine.FLOAT);
            assertThat(line.doubleValue(0)).isEqualTo(Double.parseDouble(number));
            return;
        }
        // Integers are read as at most 19 digits (leading zeros count), within the long range but not its minimum.
        boolean fits;
        try {
            fits = digits.length() <= 19 && Long.parseLong(number) != Long.MIN_VALUE;
        } catch (NumberFormatException e) {
            fits = false;
        }
        if (!fits || suffix.equals("u") && negative) {
            assertThat(line.kind).isEqualTo(ParsedLine.ERROR);
            return;
        }
        assertThat(line.kind).isEqualTo(ParsedLine.POINT);
        assertThat(line.type[0]).isEqualTo(suffix.equals("i") ? ParsedLine.INTEGER : ParsedLine.UNSIGNED);
        assertThat(line.value[0]).isEqualTo(Long.parseLong(number));
    }

    private static void scanEverything(byte[] b) {
        ParsedLine line = new ParsedLine();
        for (int p = 0; p < b.length; ) {
            int next = LineScanner.scan(b, p, b.length, line);
            assertThat(next).isGreaterThan(p).isLessThanOrEqualTo(b.length);
            if (line.kind == ParsedLine.ERROR) {
                assertThat(line.error).isNotBlank();
                assertThat(line.errorColumn).isPositive();
            } else if (line.kind == ParsedLine.POINT) {
                SeriesSection series = SeriesSection.parse(b, line.seriesStart, line.seriesEnd);
                assertThat(series.isValid() || series.error() != null).isTrue();
                for (int f = 0; f < line.fieldCount; f++) {
                    EscapedText.decode(b, line.keyStart[f], line.keyEnd[f], EscapedText.KEY);
                    if (line.type[f] == ParsedLine.STRING) {
                        EscapedText.decode(b, line.textStart[f], line.textEnd[f], EscapedText.STRING);
                    }
                }
            }
            p = next;
        }
    }

    /** One to twenty-one digits, leading zeros included: both sides of the eight-digit word and of the 18-digit fast path. */
    @Provide
    Arbitrary<String> digitStrings() {
        return Arbitraries.strings().withChars("0123456789").ofMinLength(1).ofMaxLength(21);
    }

    @Provide
    Arbitrary<String> suffixes() {
        return Arbitraries.of("", "i", "u");
    }

    /** What may follow a value: the end of the body, another field, a timestamp, the next line. */
    @Provide
    Arbitrary<String> valueEnds() {
        return Arbitraries.of("", ",x=1i", " 1700000000000000000", "\n", "\r\n");
    }

    @Provide
    Arbitrary<String> protocolish() {
        return Arbitraries.strings().withChars("ab=, \\\"\n\r#-.e1i0utfTF").ofMaxLength(120);
    }

    record Point(String measurement, Map<String, String> tags, Map<String, Object> fields, long time) {
        String line() {
            StringBuilder s = new StringBuilder(escape(measurement, ", "));
            tags.forEach((k, v) -> s.append(',').append(escape(k, ", =")).append('=').append(escape(v, ", =")));
            s.append(' ');
            boolean first = true;
            for (Map.Entry<String, Object> f : fields.entrySet()) {
                s.append(first ? "" : ",").append(escape(f.getKey(), ", =")).append('=');
                Object v = f.getValue();
                if (v instanceof String) {
                    s.append('"').append(escape((String) v, "\"\\")).append('"');
                } else if (v instanceof Long) {
                    s.append(v).append('i');
                } else {
                    s.append(v);
                }
                first = false;
            }
            return s.append(' ').append(time).toString();
        }

        private static String escape(String text, String escapable) {
            StringBuilder s = new StringBuilder();
            for (char c : text.toCharArray()) {
                if (escapable.indexOf(c) >= 0) {
                    s.append('\\');
                }
                s.append(c);
            }
            return s.toString();
        }
    }

    @Provide
    Arbitrary<List<Point>> points() {
        // Names may hold every special character, but not end in a backslash (which would escape the delimiter).
        Arbitrary<String> names = Arbitraries.strings().withChars("abcXYZ_ ,=\"\\é").ofMinLength(1).ofMaxLength(8)
                .filter(n -> !n.endsWith("\\") && !n.startsWith("#") && !n.startsWith(" "));
        Arbitrary<Object> values = Arbitraries.oneOf(
                Arbitraries.longs().greaterOrEqual(Long.MIN_VALUE + 1).map(v -> (Object) v),
                Arbitraries.doubles().ofScale(4).between(-1e12, 1e12).map(v -> (Object) v),
                Arbitraries.of(true, false).map(v -> (Object) v),
                Arbitraries.strings().withChars("ab \"\\,=\n").ofMaxLength(10).map(v -> (Object) v));
        Arbitrary<Point> point = Combinators.combine(
                names,
                Arbitraries.maps(names, names).ofMaxSize(3),
                Arbitraries.maps(names, values).ofMinSize(1).ofMaxSize(4).map(LinkedHashMap::new),
                Arbitraries.longs()).as((m, t, f, time) -> new Point(m, new LinkedHashMap<>(sorted(t)), f, time));
        return point.list().ofMaxSize(5).map(ArrayList::new);
    }

    private static Map<String, String> sorted(Map<String, String> tags) {
        return new java.util.TreeMap<>(tags);
    }
}
