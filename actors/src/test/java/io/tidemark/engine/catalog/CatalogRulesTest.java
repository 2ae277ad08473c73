package io.tidemark.engine.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.engine.EngineException;
import io.tidemark.engine.ErrorKind;
import org.junit.jupiter.api.Test;

/** The request rules that need no catalog state: ARNs, reserved names, page sizes and tokens. */
class CatalogRulesTest {

    private final Arns arns = new Arns("eu-west-1", "123456789012");

    @Test
    void parsesTheArnsItWrites() {
        assertThat(arns.parse(arns.database("db1"))).isEqualTo(new Arns.Resource("db1", null));
        assertThat(arns.parse(arns.table("db1", "t.1"))).isEqualTo(new Arns.Resource("db1", "t.1"));
        assertThat(arns.table("db1", "t.1")).isEqualTo("arn:aws:timestream:eu-west-1:123456789012:database/db1/table/t.1");
    }

    @Test
    void refusesArnsOfOtherShapesRegionsOrAccounts() {
        for (String bad : new String[] {"", "arn:aws:timestream:eu-west-1:123456789012:database/",
                "arn:aws:timestream:eu-west-1:123456789012:database/db/table/",
                "arn:aws:timestream:eu-west-1:123456789012:database/db/tables/t",
                "arn:aws:timestream:eu-west-1:123456789012:database/db/table/t/x",
                "arn:aws:timestream:us-east-1:123456789012:database/db",
                "arn:aws:timestream:eu-west-1:999999999999:database/db"}) {
            assertThatThrownBy(() -> arns.parse(bad)).as(bad).isInstanceOf(EngineException.class)
                    .extracting(e -> ((EngineException) e).kind()).isEqualTo(ErrorKind.VALIDATION);
        }
    }

    @Test
    void knowsTimestreamsReservedColumnNames() {
        for (String reserved : new String[] {"measure_value", "ts_non_existent_col", "time", "ts_anything",
                "measure_name", "measure_name_2"}) {
            assertThat(CatalogRules.isReservedColumnName(reserved)).as(reserved).isTrue();
        }
        for (String ok : new String[] {"Time", "times", "measure", "value", "its_fine", "TS_upper"}) {
            assertThat(CatalogRules.isReservedColumnName(ok)).as(ok).isFalse();
        }
    }

    @Test
    void pageSizesAndTokens() {
        assertThat(CatalogRules.pageSize(null, 7)).isEqualTo(7);
        assertThat(CatalogRules.pageSize(1, 7)).isEqualTo(1);
        assertThat(CatalogRules.pageSize(20, 7)).isEqualTo(20);
        assertThatThrownBy(() -> CatalogRules.pageSize(0, 7)).isInstanceOf(EngineException.class);
        String token = CatalogRules.nextToken("tables", "db/t");
        assertThat(token).doesNotContain("db/t");
        assertThat(CatalogRules.position("tables", token)).isEqualTo("db/t");
        assertThat(CatalogRules.position("tables", null)).isNull();
        assertThatThrownBy(() -> CatalogRules.position("databases", token)).isInstanceOf(EngineException.class)
                .hasMessageStartingWith("cannot list: NextToken=");
    }

    @Test
    void namesAreMeasuredInUtf8Bytes() {
        CatalogRules.requireNewName("DatabaseName", "abc");
        // 86 three-byte characters would be 258 bytes, but the pattern is ASCII only anyway.
        assertThatThrownBy(() -> CatalogRules.requireNewName("DatabaseName", "é".repeat(2)))
                .isInstanceOf(EngineException.class).hasMessageContaining("[a-zA-Z0-9_.-]+");
        assertThatThrownBy(() -> CatalogRules.requireNewName("TableName", "ab"))
                .isInstanceOf(EngineException.class).hasMessageContaining("bytes=2");
    }
}
