package io.tidemark.http.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidemark.http.wire.WireJson;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The byte scanner against Jackson on random bodies (nested objects and arrays, strings full of
 * quotes, backslashes, braces and non-ASCII, compact or pretty-printed): it finds the same
 * top-level string members the wire API's mapper reads, and is never sure of a truncated body.
 */
class TopLevelMembersTest {

    static final Set<String> CHOSEN = Set.of("DatabaseName", "TableName", "QueryString");
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final List<String> NAMES = List.of("DatabaseName", "TableName", "QueryString", "Records", "Name");
    static final String CHARS = "ab\"\\{}[],: \n\u00e9\u20ac\u0001";

    @Property(tries = 300)
    void findsWhatJacksonReads(@ForAll("bodies") ObjectNode body, @ForAll boolean pretty) throws Exception {
        byte[] bytes = pretty ? WireJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(body)
                : WireJson.MAPPER.writeValueAsBytes(body);
        Map<String, String> expected = new HashMap<>();
        JsonNode tree = WireJson.MAPPER.readTree(bytes);
        CHOSEN.forEach(name -> {
            if (tree.has(name)) {
                expected.put(name, tree.get(name).textValue());
            }
        });
        boolean allStrings = CHOSEN.stream().allMatch(name -> !tree.has(name) || tree.get(name).isTextual());

        assertThat(TopLevelMembers.read(bytes, CHOSEN)).isEqualTo(allStrings ? expected : null);
    }

    @Property(tries = 100)
    void isNeverSureOfATruncatedBody(@ForAll("bodies") ObjectNode body) throws Exception {
        byte[] bytes = WireJson.MAPPER.writeValueAsBytes(body);
        for (int length = 0; length < bytes.length; length++) {
            assertThat(TopLevelMembers.read(Arrays.copyOf(bytes, length), CHOSEN)).isNull();
        }
    }

    @Example
    void decodesEscapesAndIsNotSureOfRepeatedMembersOrTrailingBytes() {
        assertThat(read("{\"DatabaseName\":\"a\",\"DatabaseName\":\"b\"}")).isNull();
        assertThat(read("{\"Database\\u004eame\":\"a\"}")).isEqualTo(Map.of("DatabaseName", "a"));
        assertThat(read("{\"DatabaseName\":\"a\",\"Database\\u004eame\":\"b\"}")).isNull();
        assertThat(read("{\"DatabaseName\":\"a\"} {}")).isNull();
        assertThat(read("{\"DatabaseName\":\"a\",}")).isNull();
        assertThat(read("{\"DatabaseName\":\"a\" \"TableName\":\"t\"}")).isNull();
        assertThat(read("{\"Version\":,\"TableName\":\"t\"}")).isNull();
        assertThat(read("[{\"DatabaseName\":\"a\"}]")).isNull();
        assertThat(read(" { } ")).isEqualTo(Map.of());
        assertThat(read("{\"QueryString\":\"SELECT * FROM \\\"db\\\".\\\"t\\\"\"}"))
                .isEqualTo(Map.of("QueryString", "SELECT * FROM \"db\".\"t\""));
    }

    private static Map<String, String> read(String body) {
        return TopLevelMembers.read(body.getBytes(StandardCharsets.UTF_8), CHOSEN);
    }

    /** Random objects up to three levels deep (no shrinking: a failure prints the body). */
    @Provide
    Arbitrary<ObjectNode> bodies() {
        return Arbitraries.randomValue(random -> object(random, 0));
    }

    private static ObjectNode object(Random random, int depth) {
        ObjectNode object = NODES.objectNode();
        for (int i = random.nextInt(6); i > 0; i--) {
            String name = random.nextBoolean() ? NAMES.get(random.nextInt(NAMES.size())) : text(random);
            object.set(name, value(random, depth));
        }
        return object;
    }

    private static JsonNode value(Random random, int depth) {
        int kind = random.nextInt(depth < 2 ? 7 : 5);
        switch (kind) {
            case 0: return NODES.numberNode(random.nextLong());
            case 1: return NODES.numberNode(random.nextDouble() * 1e6);
            case 2: return random.nextBoolean() ? NODES.booleanNode(true) : NODES.nullNode();
            case 5: return object(random, depth + 1);
            case 6:
                ArrayNode array = NODES.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(value(random, depth + 1));
                }
                return array;
            default: return NODES.textNode(text(random));
        }
    }

    /** Up to 12 characters, mostly the ones JSON escapes or a byte scan could trip on. */
    private static String text(Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(13); i > 0; i--) {
            text.append(CHARS.charAt(random.nextInt(CHARS.length())));
        }
        return text.toString();
    }
}
