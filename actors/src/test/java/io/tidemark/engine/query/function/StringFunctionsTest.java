package io.tidemark.engine.query.function;

import static io.tidemark.engine.query.function.FunctionHarness.bigint;
import static io.tidemark.engine.query.function.FunctionHarness.column;
import static io.tidemark.engine.query.function.FunctionHarness.varchar;
import static io.tidemark.sql.type.PrimitiveType.BIGINT;
import static io.tidemark.sql.type.PrimitiveType.BOOLEAN;
import static io.tidemark.sql.type.PrimitiveType.DOUBLE;
import static io.tidemark.sql.type.PrimitiveType.INTEGER;
import static io.tidemark.sql.type.PrimitiveType.UNKNOWN;
import static io.tidemark.sql.type.PrimitiveType.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.engine.query.vector.Vector;
import io.tidemark.sql.type.ArrayType;
import java.util.List;
import org.junit.jupiter.api.Test;

class StringFunctionsTest {

    private static final ArrayType ARRAY_OF_VARCHAR = new ArrayType(VARCHAR);
    private static final String GRINNING = new String(Character.toChars(0x1F600));

    private final FunctionHarness functions = new FunctionHarness(new StringFunctions());

    @Test
    void codePointsCountAsOneCharacter() {
        assertThat(functions.call("chr", VARCHAR, bigint(65))).isEqualTo("A");
        assertThat(functions.call("chr", VARCHAR, bigint(0x1F600))).isEqualTo(GRINNING);
        assertThat(functions.call("codepoint", INTEGER, varchar(GRINNING))).isEqualTo(0x1F600L);
        assertThat(functions.call("length", BIGINT, varchar(GRINNING + "a"))).isEqualTo(2L);
        assertThat(functions.call("reverse", VARCHAR, varchar("a" + GRINNING + "b"))).isEqualTo("b" + GRINNING + "a");
        assertThat(functions.call("strpos", BIGINT, varchar(GRINNING + "ab"), varchar("b"))).isEqualTo(3L);
        assertThat(functions.call("substr", VARCHAR, varchar(GRINNING + "bc"), bigint(2), bigint(1))).isEqualTo("b");
        assertThatThrownBy(() -> functions.call("chr", VARCHAR, bigint(-1)))
                .isInstanceOf(QueryFunctionException.class).hasMessage("Not a valid Unicode code point: -1");
        assertThatThrownBy(() -> functions.call("chr", VARCHAR, bigint(0xD800)))
                .isInstanceOf(QueryFunctionException.class).hasMessage("Not a valid Unicode code point: 55296");
        assertThatThrownBy(() -> functions.call("codepoint", INTEGER, varchar("ab")))
                .isInstanceOf(QueryFunctionException.class).hasMessage("Input string must be a single character string");
    }

    @Test
    void concatenationIsNullWhenAnyPartIs() {
        assertThat(functions.call("concat", VARCHAR, varchar("a"), varchar("b"), varchar("c"))).isEqualTo("abc");
        assertThat(functions.apply("concat", VARCHAR, column(VARCHAR, "a", "b"), column(VARCHAR, "x", null)).isNull(1)).isTrue();
        assertThat(functions.binds("concat", List.of(ARRAY_OF_VARCHAR, ARRAY_OF_VARCHAR), ARRAY_OF_VARCHAR)).isFalse();
    }

    @Test
    void distances() {
        assertThat(functions.call("hamming_distance", BIGINT, varchar("abcde"), varchar("abxde"))).isEqualTo(1L);
        assertThat(functions.call("levenshtein_distance", BIGINT, varchar("kitten"), varchar("sitting"))).isEqualTo(3L);
        assertThat(functions.call("levenshtein_distance", BIGINT, varchar(""), varchar("abc"))).isEqualTo(3L);
        assertThatThrownBy(() -> functions.call("hamming_distance", BIGINT, varchar("ab"), varchar("abc")))
                .isInstanceOf(QueryFunctionException.class).hasMessage("The input strings to hamming_distance function must have the same length");
    }

    @Test
    void caseTrimAndPadding() {
        assertThat(functions.call("lower", VARCHAR, varchar("ÄbC"))).isEqualTo("äbc");
        assertThat(functions.call("upper", VARCHAR, varchar("ÄbC"))).isEqualTo("ÄBC");
        assertThat(functions.call("ltrim", VARCHAR, varchar("  a  "))).isEqualTo("a  ");
        assertThat(functions.call("rtrim", VARCHAR, varchar("  a  "))).isEqualTo("  a");
        assertThat(functions.call("trim", VARCHAR, varchar("\t\n a b\u2003"))).isEqualTo("a b");
        assertThat(functions.call("lpad", VARCHAR, varchar("ab"), bigint(5), varchar("xy"))).isEqualTo("xyxab");
        assertThat(functions.call("rpad", VARCHAR, varchar("ab"), bigint(5), varchar("xy"))).isEqualTo("abxyx");
        assertThat(functions.call("lpad", VARCHAR, varchar("abcdef"), bigint(3), varchar("x"))).isEqualTo("abc");
        assertThat(functions.call("rpad", VARCHAR, varchar("abcdef"), bigint(0), varchar("x"))).isEqualTo("");
        assertThatThrownBy(() -> functions.call("lpad", VARCHAR, varchar("a"), bigint(-1), varchar("x")))
                .isInstanceOf(QueryFunctionException.class).hasMessage("Target length must be in the range [0..2147483647]");
        assertThatThrownBy(() -> functions.call("rpad", VARCHAR, varchar("a"), bigint(3), varchar("")))
                .isInstanceOf(QueryFunctionException.class).hasMessage("Padding string must not be empty");
    }

    @Test
    void replaceAndSplit() {
        assertThat(functions.call("replace", VARCHAR, varchar("abcabc"), varchar("b"))).isEqualTo("acac");
        assertThat(functions.call("replace", VARCHAR, varchar("abc"), varchar("b"), varchar("XY"))).isEqualTo("aXYc");
        assertThat(functions.call("replace", VARCHAR, varchar("abc"), varchar(""), varchar("x"))).isEqualTo("xaxbxcx");
        assertThat(functions.call("split", ARRAY_OF_VARCHAR, varchar("a,b,,c,"), varchar(","))).isEqualTo(List.of("a", "b", "", "c", ""));
        assertThat(functions.call("split", ARRAY_OF_VARCHAR, varchar("a,b,c"), varchar(","), bigint(2))).isEqualTo(List.of("a", "b,c"));
        assertThat(functions.call("split_part", VARCHAR, varchar("a,b,c"), varchar(","), bigint(2))).isEqualTo("b");
        assertThat(functions.call("split_part", VARCHAR, varchar("a,b,c"), varchar(","), bigint(4))).isNull();
        assertThatThrownBy(() -> functions.call("split", ARRAY_OF_VARCHAR, varchar("abc"), varchar("")))
                .isInstanceOf(QueryFunctionException.class).hasMessage("The delimiter may not be the empty string");
        assertThatThrownBy(() -> functions.call("split", ARRAY_OF_VARCHAR, varchar("abc"), varchar(","), bigint(0)))
                .isInstanceOf(QueryFunctionException.class).hasMessage("Limit must be positive");
        assertThatThrownBy(() -> functions.call("split_part", VARCHAR, varchar("abc"), varchar(","), bigint(0)))
                .isInstanceOf(QueryFunctionException.class).hasMessage("Index must be greater than zero");
    }

    @Test
    void positions() {
        assertThat(functions.call("strpos", BIGINT, varchar("high"), varchar("ig"))).isEqualTo(2L);
        assertThat(functions.call("strpos", BIGINT, varchar("high"), varchar("x"))).isEqualTo(0L);
        assertThat(functions.call("strpos", BIGINT, varchar("aaa"), varchar("aa"), bigint(2))).isEqualTo(2L);
        assertThat(functions.call("strpos", BIGINT, varchar("aaa"), varchar("aa"), bigint(3))).isEqualTo(0L);
        assertThat(functions.call("strrpos", BIGINT, varchar("abcabc"), varchar("bc"))).isEqualTo(5L);
        assertThat(functions.call("strrpos", BIGINT, varchar("abcabc"), varchar("bc"), bigint(2))).isEqualTo(2L);
        assertThat(functions.call("strrpos", BIGINT, varchar("aaa"), varchar("aa"), bigint(2))).isEqualTo(1L);
        assertThat(functions.call("position", BIGINT, varchar("ig"), varchar("high"))).isEqualTo(2L);
        assertThat(functions.call("starts_with", BOOLEAN, varchar("abc"), varchar("ab"))).isEqualTo(true);
        assertThatThrownBy(() -> functions.call("strpos", BIGINT, varchar("a"), varchar("a"), bigint(0)))
                .isInstanceOf(QueryFunctionException.class).hasMessage("'instance' must be a positive number.");
    }

    @Test
    void substringsCountFromEitherEnd() {
        assertThat(functions.call("substr", VARCHAR, varchar("Quadratically"), bigint(5))).isEqualTo("ratically");
        assertThat(functions.call("substring", VARCHAR, varchar("Quadratically"), bigint(5), bigint(6))).isEqualTo("ratica");
        assertThat(functions.call("substr", VARCHAR, varchar("abc"), bigint(-2))).isEqualTo("bc");
        assertThat(functions.call("substr", VARCHAR, varchar("abc"), bigint(-2), bigint(1))).isEqualTo("b");
        for (long start : new long[] {0, 4, -4}) {
            assertThat(functions.call("substr", VARCHAR, varchar("abc"), bigint(start))).isEqualTo("");
        }
        assertThat(functions.call("substr", VARCHAR, varchar("abc"), bigint(2), bigint(-1))).isEqualTo("");
        assertThat(functions.call("substr", VARCHAR, varchar("abc"), bigint(2), bigint(Long.MAX_VALUE))).isEqualTo("bc");
    }

    @Test
    void typeofNamesTheArgumentsType() {
        assertThat(functions.call("typeof", VARCHAR, FunctionHarness.doubleValue(1.5))).isEqualTo("double");
        assertThat(functions.call("typeof", VARCHAR, column(ARRAY_OF_VARCHAR, List.of("a")))).isEqualTo("array(varchar)");
        assertThat(functions.call("typeof", VARCHAR, column(UNKNOWN, (Object) null))).isEqualTo("unknown");
    }

    @Test
    void nullArgumentsGiveNull() {
        Vector lengths = functions.apply("length", BIGINT, column(VARCHAR, "ab", null));
        assertThat(lengths.get(0)).isEqualTo(2L);
        assertThat(lengths.isNull(1)).isTrue();
        assertThat(functions.call("substr", VARCHAR, varchar("abc"), column(BIGINT, (Object) null))).isNull();
        assertThat(functions.binds("length", List.of(DOUBLE), BIGINT)).isFalse();
    }
}
