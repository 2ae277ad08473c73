package io.tidemark.http.lineprotocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.storage.model.Dimension;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LineScannerTest {

    /** Each non-blank line of {@code text} as "measurement{tags} fields @time" or "ERROR col: reason". */
    static List<String> scan(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        ParsedLine line = new ParsedLine();
        List<String> out = new ArrayList<>();
        for (int p = 0; p < b.length; ) {
            p = LineScanner.scan(b, p, b.length, line);
            if (line.kind == ParsedLine.ERROR) {
                out.add("ERROR " + line.errorColumn + ": " + line.error);
            } else if (line.kind == ParsedLine.POINT) {
                out.add(describe(b, line));
            }
        }
        return out;
    }

    static String describe(byte[] b, ParsedLine line) {
        SeriesSection series = SeriesSection.parse(b, line.seriesStart, line.seriesEnd);
        if (!series.isValid()) {
            return "ERROR series " + series.errorOffset() + ": " + series.error();
        }
        StringBuilder s = new StringBuilder(series.measurement()).append('{');
        for (Dimension d : series.key().dimensions()) {
            s.append(d.name()).append('=').append(d.value()).append(';');
        }
        s.append('}');
        for (int f = 0; f < line.fieldCount; f++) {
            s.append(' ').append(EscapedText.decode(b, line.keyStart[f], line.keyEnd[f], EscapedText.KEY)).append('=');
            switch (line.type[f]) {
                case ParsedLine.FLOAT:
                    s.append(line.doubleValue(f));
                    break;
                case ParsedLine.INTEGER:
                    s.append(line.value[f]).append('i');
                    break;
                case ParsedLine.UNSIGNED:
                    s.append(line.value[f]).append('u');
                    break;
                case ParsedLine.BOOLEAN:
                    s.append(line.value[f] != 0);
                    break;
                default:
                    s.append('<').append(EscapedText.decode(b, line.textStart[f], line.textEnd[f], EscapedText.STRING))
                            .append('>');
                    break;
            }
        }
        if (line.hasTime) {
            s.append(" @").append(line.time);
        }
        return s.toString();
    }

    @Test
    void everyValueTypeOfOneLine() {
        assertThat(scan("cpu,host=a,region=eu f=1.5,i=-3i,u=7u,s=\"hi\",b=t 1700000000000000000"))
                .containsExactly("cpu{host=a;region=eu;} f=1.5 i=-3i u=7u s=<hi> b=true @1700000000000000000");
    }

    @Test
    void tsbsLine() {
        assertThat(scan("cpu,hostname=host_0,region=eu-central-1,rack=6 usage_user=58i,usage_system=2i 1451606400000000000\n"))
                .containsExactly("cpu{hostname=host_0;rack=6;region=eu-central-1;} usage_user=58i usage_system=2i"
                        + " @1451606400000000000");
    }

    @Test
    void measurementEscapesCommaAndSpaceOnly() {
        assertThat(scan("my\\ meas\\,ure=x f=1")).containsExactly("my meas,ure=x{} f=1.0");
        assertThat(scan("a\\=b f=1")).containsExactly("a\\=b{} f=1.0");
    }

    @Test
    void tagKeysAndValuesEscapeCommaEqualsAndSpace() {
        assertThat(scan("m,ta\\ g\\=k=va\\,l\\ u\\=e f=1")).containsExactly("m{ta g=k=va,l u=e;} f=1.0");
    }

    @Test
    void fieldKeysEscapeCommaEqualsAndSpace() {
        assertThat(scan("m f\\ i\\,e\\=ld=1i")).containsExactly("m{} f i,e=ld=1i");
    }

    /** Field keys are delimited eight bytes at a time: an escape or a delimiter may stand at any place of a word. */
    @Test
    void fieldKeysEndOrEscapeAtAnyPlaceOfAWord() {
        for (int length = 1; length <= 20; length++) {
            for (int at = 0; at < length; at++) {
                String key = "k".repeat(length);
                String escaped = key.substring(0, at) + "\\ " + key.substring(at);
                String literal = key.substring(0, at) + "\\x" + key.substring(at);
                assertThat(scan("m " + key + "=1i," + escaped + "=2i," + literal + "=3i 7\nm " + key + "\n"))
                        .as("key length %d, escape at %d", length, at)
                        .containsExactly("m{} " + key + "=1i " + key.substring(0, at) + " " + key.substring(at) + "=2i "
                                + key.substring(0, at) + "\\x" + key.substring(at) + "=3i @7",
                                "ERROR " + (3 + length) + ": missing field value");
            }
        }
    }

    @Test
    void backslashBeforeAnyOtherCharacterIsLiteral() {
        assertThat(scan("m\\x,t\\y=v\\z f\\q=\"a\\tb\"")).containsExactly("m\\x{t\\y=v\\z;} f\\q=<a\\tb>");
    }

    @Test
    void stringValuesEscapeQuoteAndBackslash() {
        assertThat(scan("m s=\"say \\\"hi\\\" \\\\ done\"")).containsExactly("m{} s=<say \"hi\" \\ done>");
        assertThat(scan("m s=\"with, comma and space=\",n=1i")).containsExactly("m{} s=<with, comma and space=> n=1i");
    }

    @Test
    void stringValueMaySpanLines() {
        assertThat(scan("m s=\"two\nlines\" 5\nm n=1i 6")).containsExactly("m{} s=<two\nlines> @5", "m{} n=1i @6");
    }

    @ParameterizedTest
    @ValueSource(strings = {"t", "T", "true", "True", "TRUE"})
    void trueSpellings(String word) {
        assertThat(scan("m b=" + word)).containsExactly("m{} b=true");
    }

    @ParameterizedTest
    @ValueSource(strings = {"f", "F", "false", "False", "FALSE"})
    void falseSpellings(String word) {
        assertThat(scan("m b=" + word)).containsExactly("m{} b=false");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1|1.0", "-1|-1.0", "1.5|1.5", "-0.25|-0.25", "1e3|1000.0", "1.5E-3|0.0015", ".5|0.5", "1.|1.0",
            "0.1|0.1", "123456789.123456789|1.2345678912345679E8", "1e308|1.0E308", "00012|12.0"})
    void floats(String text, String expected) {
        assertThat(scan("m f=" + text)).containsExactly("m{} f=" + expected);
        assertThat(Double.parseDouble(expected)).isEqualTo(Double.parseDouble(text));
    }

    @Test
    void integersCoverTheBigintRange() {
        assertThat(scan("m i=9223372036854775807i,j=-9223372036854775807i"))
                .containsExactly("m{} i=9223372036854775807i j=-9223372036854775807i");
        assertThat(scan("m i=9223372036854775808i")).containsExactly(
                "ERROR 5: invalid integer field value: expected digits before i, in the BIGINT range");
    }

    @Test
    void unsignedMustFitBigint() {
        assertThat(scan("m u=9223372036854775807u")).containsExactly("m{} u=9223372036854775807u");
        assertThat(scan("m u=18446744073709551615u")).containsExactly(
                "ERROR 5: unsigned field value out of the BIGINT range (at most 9223372036854775807)");
        assertThat(scan("m u=-1u")).containsExactly("ERROR 5: invalid unsigned field value: negative");
    }

    @Test
    void timestampIsOptionalAndMayBeNegative() {
        assertThat(scan("m f=1i\nm f=2i -5\nm f=3i   7  ")).containsExactly("m{} f=1i", "m{} f=2i @-5", "m{} f=3i @7");
    }

    @Test
    void longTimestampsConvertEightDigitsAtATimeWithTheSameLimits() {
        assertThat(scan("m f=1i 1700000000123456789\nm f=1i 12345678\r\nm f=1i 9223372036854775807\n"
                + "m f=1i -9223372036854775807 \nm f=1i 1234567890123456\nm f=1i 1700000000123456789"))
                .containsExactly("m{} f=1i @1700000000123456789", "m{} f=1i @12345678",
                        "m{} f=1i @9223372036854775807", "m{} f=1i @-9223372036854775807",
                        "m{} f=1i @1234567890123456", "m{} f=1i @1700000000123456789");
        // a non-digit in each eight-byte step, past the range, too many digits, Long.MIN_VALUE
        assertThat(scan("m f=1i 12345a78901234567\nm f=1i 12345678901234/67\nm f=1i 1234567890123456789:\n"
                + "m f=1i 9223372036854775808\nm f=1i 12345678901234567890\nm f=1i -9223372036854775808"))
                .containsExactly(
                        "ERROR 8: invalid timestamp: expected an integer",
                        "ERROR 8: invalid timestamp: expected an integer",
                        "ERROR 8: invalid timestamp: expected an integer",
                        "ERROR 8: invalid timestamp: expected an integer",
                        "ERROR 8: invalid timestamp: expected an integer",
                        "ERROR 8: invalid timestamp: expected an integer");
    }

    @Test
    void commentsBlankLinesAndCrLfAreSkipped() {
        assertThat(scan("# a comment\n\n   \r\nm f=1i 1\r\n  m f=2i\r\n#last")).containsExactly("m{} f=1i @1",
                "m{} f=2i");
    }

    @Test
    void malformedLinesNameTheColumnAndTheNextLineStillScans() {
        assertThat(scan("m\nm \nm f\nm f=\nm f=1,\nm f=abc\nm f=1 x\nm f=1 1 2\n,t=1 f=1\nm f=\"open\nok f=1i"))
                .containsExactly(
                        "ERROR 2: missing fields",
                        "ERROR 3: missing fields",
                        "ERROR 4: missing field value",
                        "ERROR 5: missing field value",
                        "ERROR 7: missing field key",
                        "ERROR 5: invalid field value: not a number, string or boolean",
                        "ERROR 7: invalid timestamp: expected an integer",
                        "ERROR 9: unexpected text after the timestamp",
                        "ERROR 1: missing measurement",
                        "ERROR 5: unterminated string field value",
                        "ok{} f=1i");
    }

    @Test
    void malformedTagsAreFoundWhenTheSeriesIsSplit() {
        assertThat(scan("m,t f=1\nm,t= f=1\nm,=v f=1\nm,t=a,t=b f=1\nm,t=a=b f=1")).containsExactly(
                "ERROR series 3: missing tag value",
                "ERROR series 4: missing tag value",
                "ERROR series 2: missing tag key",
                "ERROR series 6: duplicate tag key t",
                "ERROR series 5: invalid tag: unescaped equals sign in the value");
    }

    @Test
    void equalSeriesSectionsHashAlikeWhereverTheyStand() {
        String text = "cpu,hostname=host_0,region=eu-central-1 f=1i\nx cpu,hostname=host_0,region=eu-central-1 f=1i\n"
                + "cpu,hostname=host_0,region=eu-central-2 f=1i";
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        int first = 0;
        int second = text.indexOf("x ") + 2;
        int length = text.indexOf(' ');
        int third = text.lastIndexOf("cpu");
        assertThat(LineScanner.hash(b, second, second + length)).isEqualTo(LineScanner.hash(b, first, length));
        assertThat(LineScanner.hash(b, third, third + length)).isNotEqualTo(LineScanner.hash(b, first, length));
    }

    @Test
    void theHashTheScanTakesIsTheHashOfTheSectionWithOrWithoutEscapes() {
        String text = "cpu,hostname=host_0,region=eu-central-1,datacenter=eu-central-1a f=1i\n"
                + "c\\ pu,host\\,name=host_0,region=eu\\ central-1,datacenter=eu-central-1a f=1i\n"
                + "cpu,hostname=host_0,region=eu-central-1,datacenter=eu-central-1a\\\\x f=1i";
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        ParsedLine line = new ParsedLine();
        int lines = 0;
        for (int p = 0; p < b.length; lines++) {
            p = LineScanner.scan(b, p, b.length, line);
            assertThat(line.kind).isEqualTo(ParsedLine.POINT);
            assertThat(line.seriesHash).isEqualTo(LineScanner.hash(b, line.seriesStart, line.seriesEnd));
        }
        assertThat(lines).isEqualTo(3);
    }

    @Test
    void exponentWithoutDigitsIsRefused() {
        assertThat(scan("m f=1e")).containsExactly("ERROR 5: invalid float field value: malformed exponent");
    }

    @Test
    void longLinesGrowTheFieldArrays() {
        StringBuilder s = new StringBuilder("m ");
        for (int i = 0; i < 40; i++) {
            s.append(i == 0 ? "" : ",").append("f").append(i).append('=').append(i).append('i');
        }
        assertThat(scan(s.toString()).get(0)).startsWith("m{} f0=0i f1=1i").endsWith("f39=39i");
    }
}
