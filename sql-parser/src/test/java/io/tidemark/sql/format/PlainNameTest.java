package io.tidemark.sql.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The formatter's test for a name that reads back unquoted agrees with the grammar's pattern. */
class PlainNameTest {

    private static final Pattern PLAIN_NAME = Pattern.compile("[\\p{L}_][\\p{L}\\p{Nd}_]*");

    @Property(tries = 2000)
    void agreesWithThePattern(@ForAll("names") String name) {
        assertThat(ExpressionFormatter.isPlainName(name)).as(name).isEqualTo(PLAIN_NAME.matcher(name).matches());
    }

    @Test
    void handPickedNames() {
        assertThat(ExpressionFormatter.isPlainName("usage_user")).isTrue();
        assertThat(ExpressionFormatter.isPlainName("_x9")).isTrue();
        assertThat(ExpressionFormatter.isPlainName("hôte")).isTrue();
        assertThat(ExpressionFormatter.isPlainName("\uD801\uDC00a")).as("a letter outside the BMP").isTrue();
        assertThat(ExpressionFormatter.isPlainName("x\u0663")).as("an Arabic-Indic digit").isTrue();
        assertThat(ExpressionFormatter.isPlainName("9lives")).isFalse();
        assertThat(ExpressionFormatter.isPlainName("\u0663x")).isFalse();
        assertThat(ExpressionFormatter.isPlainName("a-b")).isFalse();
        assertThat(ExpressionFormatter.isPlainName("a\u00b2")).as("a superscript is No, not Nd").isFalse();
        assertThat(ExpressionFormatter.isPlainName("")).isFalse();
        assertThat(ExpressionFormatter.isPlainName("measure_value::double")).isFalse();
    }

    @Provide
    Arbitrary<String> names() {
        // letters, digits and non-digit numbers of several scripts, a surrogate pair's halves, and anything at all
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("abcXYZ_09-: \"\u00e9\u00b2\u0663\u02b0\u4e2d\uD801\uDC00").ofMaxLength(8),
                Arbitraries.strings().all().ofMaxLength(6));
    }
}
