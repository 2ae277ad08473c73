package io.tidemark.sql.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.sql.ast.Identifier;
import io.tidemark.sql.ast.SourceLocation;
import io.tidemark.sql.parser.SqlParser;
import org.junit.jupiter.api.Test;

class SqlFormatterTest {

    private static final SourceLocation HERE = new SourceLocation(1, 1);
    private static final SqlParser PARSER = new SqlParser();

    private static String format(String sql) {
        return SqlFormatter.formatSql(PARSER.parseStatement(sql));
    }

    @Test
    void namesThatCannotBeReadBackUnquotedAreQuoted() {
        assertThat(SqlFormatter.formatSql(new Identifier(HERE, "select", false))).isEqualTo("\"select\"");
        assertThat(SqlFormatter.formatSql(new Identifier(HERE, "a b", false))).isEqualTo("\"a b\"");
        assertThat(SqlFormatter.formatSql(new Identifier(HERE, "1x", false))).isEqualTo("\"1x\"");
        assertThat(SqlFormatter.formatSql(new Identifier(HERE, "Région", false))).isEqualTo("Région");
        assertThat(SqlFormatter.formatSql(new Identifier(HERE, "measure_value::double", false)))
                .isEqualTo("measure_value::double");
        assertThat(SqlFormatter.formatSql(new Identifier(HERE, "measure_value::int", false)))
                .isEqualTo("\"measure_value::int\"");
        assertThat(SqlFormatter.formatSql(new Identifier(HERE, "quoted", true))).isEqualTo("\"quoted\"");
    }

    @Test
    void queriesPrintOnOneLineWithUpperCaseKeywords() {
        assertThat(format("with q as (select a from t) select distinct a, count(*) c from q "
                + "where a like 'x%' group by a having count(*) > 1 order by c desc nulls last limit 3"))
                .isEqualTo("WITH q AS (SELECT a FROM t) SELECT DISTINCT a, count(*) AS c FROM q "
                        + "WHERE a LIKE 'x%' GROUP BY a HAVING count(*) > 1 ORDER BY c DESC NULLS LAST LIMIT 3");
        assertThat(format("select * from a left outer join b using (k) cross join unnest(b.arr) u(v)"))
                .isEqualTo("SELECT * FROM a LEFT JOIN b USING (k) CROSS JOIN UNNEST(b.arr) AS u (v)");
        assertThat(format("select 1e3, 'it''s', 15m, interval -'2' day, timestamp '2022-01-01 00:00'"))
                .isEqualTo("SELECT 1000.0E0, 'it''s', 15m, INTERVAL -'2' DAY, TIMESTAMP '2022-01-01 00:00'");
        assertThat(format("select a from t1 union all (select b from t2 limit 1)"))
                .isEqualTo("SELECT a FROM t1 UNION ALL (SELECT b FROM t2 LIMIT 1)");
    }
}
