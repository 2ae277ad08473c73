package io.tidemark.engine.query.function;

import static io.tidemark.engine.query.function.FunctionHarness.bigint;
import static io.tidemark.engine.query.function.FunctionHarness.column;
import static io.tidemark.engine.query.function.FunctionHarness.varchar;
import static io.tidemark.sql.type.PrimitiveType.BOOLEAN;
import static io.tidemark.sql.type.PrimitiveType.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.engine.query.expression.EvalContext;
import io.tidemark.engine.query.expression.LambdaValue;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.sql.type.ArrayType;
import io.tidemark.sql.type.FunctionType;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class RegexpFunctionsTest {

    private static final ArrayType ARRAY_OF_VARCHAR = new ArrayType(VARCHAR);
    private static final FunctionType GROUPS_TO_VARCHAR = new FunctionType(List.of(ARRAY_OF_VARCHAR), VARCHAR);

    private final FunctionHarness functions = new FunctionHarness(new RegexpFunctions());

    @Test
    void likeIsASearchNotAWholeMatch() {
        assertThat(functions.call("regexp_like", BOOLEAN, varchar("1a 2b 14m"), varchar("\\d+b"))).isEqualTo(true);
        assertThat(functions.call("regexp_like", BOOLEAN, varchar("abc"), varchar("^b"))).isEqualTo(false);
    }

    @Test
    void extractTheFirstMatchOrAGroupOfIt() {
        assertThat(functions.call("regexp_extract", VARCHAR, varchar("1a 2b 14m"), varchar("\\d+"))).isEqualTo("1");
        assertThat(functions.call("regexp_extract", VARCHAR, varchar("1a 2b 14m"), varchar("(\\d+)([a-z]+)"), bigint(2))).isEqualTo("a");
        assertThat(functions.call("regexp_extract", VARCHAR, varchar("abc"), varchar("\\d+"))).isNull();
        assertThat(functions.call("regexp_extract", VARCHAR, varchar("abc"), varchar("(x)?abc"), bigint(1))).isNull();
        assertThatThrownBy(() -> functions.call("regexp_extract", VARCHAR, varchar("1a"), varchar("(\\d+)([a-z]+)"), bigint(3)))
                .isInstanceOf(QueryFunctionException.class).hasMessage("Pattern has 2 groups. Cannot access group 3");
    }

    @Test
    void extractAllMatches() {
        assertThat(functions.call("regexp_extract_all", ARRAY_OF_VARCHAR, varchar("1a 2b 14m"), varchar("\\d+"))).isEqualTo(List.of("1", "2", "14"));
        assertThat(functions.call("regexp_extract_all", ARRAY_OF_VARCHAR, varchar("1a 2b 14m"), varchar("(\\d+)([a-z]+)"), bigint(2)))
                .isEqualTo(List.of("a", "b", "m"));
        assertThat(functions.call("regexp_extract_all", ARRAY_OF_VARCHAR, varchar("abc"), varchar("\\d"))).isEqualTo(List.of());
    }

    @Test
    void replaceWithTextAndGroupReferences() {
        assertThat(functions.call("regexp_replace", VARCHAR, varchar("1a 2b 14m"), varchar("\\d+[ab] "))).isEqualTo("14m");
        assertThat(functions.call("regexp_replace", VARCHAR, varchar("1a 2b 14m"), varchar("(\\d+)([ab]) "), varchar("3c$2 ")))
                .isEqualTo("3ca 3cb 14m");
        assertThat(functions.call("regexp_replace", VARCHAR, varchar("ab"), varchar("(?<first>a)"), varchar("[${first}\\$]"))).isEqualTo("[a$]b");
        assertThatThrownBy(() -> functions.call("regexp_replace", VARCHAR, varchar("ab"), varchar("a"), varchar("$5")))
                .isInstanceOf(QueryFunctionException.class).hasMessageStartingWith("Invalid replacement string: '$5'");
    }

    @Test
    void replaceWithALambdaInvokesItOnceForAllMatchesOfRowsSharingIt() {
        CapitalizingLambda capitalize = new CapitalizingLambda();
        Vector texts = column(VARCHAR, "new york", null, "san francisco", "");
        Vector lambdas = column(GROUPS_TO_VARCHAR, capitalize, capitalize, capitalize, capitalize);

        Vector words = column(VARCHAR, "(\\w)(\\w*)", "(\\w)(\\w*)", "(\\w)(\\w*)", "x");

        Vector replaced = functions.apply("regexp_replace", VARCHAR, texts, words, lambdas);

        assertThat(replaced.get(0)).isEqualTo("New York");
        assertThat(replaced.isNull(1)).isTrue();
        assertThat(replaced.get(2)).isEqualTo("San Francisco");
        assertThat(replaced.get(3)).isEqualTo("");
        assertThat(capitalize.invocations).isEqualTo(1);
    }

    @Test
    void aNullLambdaResultRemovesTheMatch() {
        LambdaValue nothing = (parameters, count, context) -> Vector.nulls(VARCHAR, count);

        assertThat(functions.call("regexp_replace", VARCHAR, varchar("a1b22c"), varchar("\\d+"), column(GROUPS_TO_VARCHAR, nothing)))
                .isEqualTo("abc");
    }

    @Test
    void splitKeepsTrailingEmptyFields() {
        assertThat(functions.call("regexp_split", ARRAY_OF_VARCHAR, varchar("1a 2b 14m"), varchar("\\s*[a-z]+\\s*")))
                .isEqualTo(List.of("1", "2", "14", ""));
    }

    @Test
    void eachRowMayHaveItsOwnPatternAndBadPatternsAreReported() {
        Vector matches = functions.apply("regexp_like", BOOLEAN, column(VARCHAR, "abc", "abc", "abc"), column(VARCHAR, "a", "x", "a"));
        assertThat(List.of(matches.get(0), matches.get(1), matches.get(2))).containsExactly(true, false, true);
        assertThatThrownBy(() -> functions.call("regexp_like", BOOLEAN, varchar("a"), varchar("(")))
                .isInstanceOf(QueryFunctionException.class).hasMessageStartingWith("Invalid regular expression: (: Unclosed group");
    }

    /** {@code x -> upper(x[1]) || lower(x[2])}, counting its invocations. */
    private static final class CapitalizingLambda implements LambdaValue {
        int invocations;

        @Override
        public Vector invoke(Vector[] parameters, int count, EvalContext context) {
            invocations++;
            Object[] out = new Object[count];
            for (int i = 0; i < count; i++) {
                @SuppressWarnings("unchecked")
                List<String> groups = (List<String>) parameters[0].get(i);
                out[i] = groups.get(0).toUpperCase(Locale.ROOT) + groups.get(1).toLowerCase(Locale.ROOT);
            }
            return Vector.ofObjects(VARCHAR, out, count);
        }
    }
}
