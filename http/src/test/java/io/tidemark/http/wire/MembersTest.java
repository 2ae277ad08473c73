package io.tidemark.http.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Typed member access: absent and null members, wrong JSON types named by path, required members. */
class MembersTest {

    @Test
    void absentAndNullMembersReadAsNull() throws Exception {
        Members m = read("{\"A\": null}");
        assertThat(m.string("A")).isNull();
        assertThat(m.longValue("B")).isNull();
        assertThat(m.objects("C", x -> x)).isNull();
    }

    @Test
    void nestedMembersAreReadWithTheirTypes() throws Exception {
        Members m = read("{\"Records\": [{\"Version\": 7, \"Dims\": [\"a\", \"b\"], \"On\": true}]}");
        List<Long> versions = m.objects("Records", r -> r.longValue("Version"));
        assertThat(versions).containsExactly(7L);
        assertThat(m.objects("Records", r -> r.strings("Dims")).get(0)).containsExactly("a", "b");
        assertThat(m.objects("Records", r -> r.bool("On")).get(0)).isTrue();
    }

    @Test
    void aMemberOfTheWrongTypeFailsNamingItsPath() throws Exception {
        Members m = read("{\"Records\": [{\"Time\": 1}, {\"Version\": \"2\"}], \"Max\": 1.5, \"Big\": 99999999999}");
        assertSerialization(() -> m.objects("Records", r -> r.string("Time")),
                "path=Records[0].Time, expected a string, got NUMBER");
        assertSerialization(() -> m.objects("Records", r -> r.longValue("Version")),
                "path=Records[1].Version, expected an integer, got STRING");
        assertSerialization(() -> m.intValue("Max"), "path=Max, expected a 32-bit integer");
        assertSerialization(() -> m.intValue("Big"), "path=Big, expected a 32-bit integer");
        assertSerialization(() -> m.object("Max"), "path=Max, expected an object");
        assertSerialization(() -> Members.root(WireJson.MAPPER.readTree("\"text\"")), "must be a JSON object");
    }

    @Test
    void aMissingRequiredMemberIsAValidationErrorInTimestreamsWords() throws Exception {
        Members m = read("{\"Retention\": {}}");
        assertThatThrownBy(() -> m.object("Retention").requiredString("MemoryHours"))
                .isInstanceOfSatisfying(WireException.class, e -> {
                    assertThat(e.error().type()).isEqualTo("ValidationException");
                    assertThat(e.error().message()).isEqualTo("1 validation error detected: Value null at "
                            + "'retention.memoryHours' failed to satisfy constraint: Member must not be null");
                });
    }

    @Test
    void timestampsAreEpochSecondsWithMilliseconds() {
        BigDecimal t = WireJson.timestamp(Instant.parse("2023-11-14T22:13:20.123Z"));
        assertThat(WireJson.object().put("T", t).toString()).isEqualTo("{\"T\":1700000000.123}");
    }

    private static Members read(String json) throws Exception {
        return Members.root(WireJson.MAPPER.readTree(json));
    }

    private static void assertSerialization(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String part) {
        assertThatThrownBy(call).isInstanceOfSatisfying(WireException.class, e -> {
            assertThat(e.error().type()).isEqualTo("SerializationException");
            assertThat(e.error().status()).isEqualTo(400);
            assertThat(e.error().message()).contains(part);
        });
    }
}
