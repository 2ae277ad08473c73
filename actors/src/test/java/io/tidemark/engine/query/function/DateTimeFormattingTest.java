package io.tidemark.engine.query.function;

import static io.tidemark.engine.query.function.FunctionHarness.iso;
import static io.tidemark.engine.query.function.FunctionHarness.timestamp;
import static io.tidemark.engine.query.function.FunctionHarness.varchar;
import static io.tidemark.sql.type.PrimitiveType.TIMESTAMP;
import static io.tidemark.sql.type.PrimitiveType.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.engine.query.vector.Vector;
import org.junit.jupiter.api.Test;

class DateTimeFormattingTest {

    private static final Vector THURSDAY = timestamp("2022-07-07T17:42:32.939");

    private final FunctionHarness functions = new FunctionHarness(new TimeFunctions());

    @Test
    void formatDatetimeWithJodaPatterns() {
        assertThat(formatJoda(THURSDAY, "yyyy-MM-dd HH:mm:ss.SSS")).isEqualTo("2022-07-07 17:42:32.939");
        assertThat(formatJoda(THURSDAY, "EEEE, MMMM d, yyyy h:mm a")).isEqualTo("Thursday, July 7, 2022 5:42 PM");
        assertThat(formatJoda(THURSDAY, "EEE MMM yy-M-d D")).isEqualTo("Thu Jul 22-7-7 188");
        assertThat(formatJoda(THURSDAY, "Z|ZZ|ZZZ|z")).isEqualTo("+0000|+00:00|UTC|UTC");
        assertThat(formatJoda(THURSDAY, "h 'o''clock' ''")).isEqualTo("5 o'clock '");
        assertThat(formatJoda(timestamp("2021-01-01T00:00"), "'week' ww 'of' xxxx, e")).isEqualTo("week 53 of 2020, 5");
        assertThat(formatJoda(timestamp("1969-12-31T23:59:59.999"), "yyyy-MM-dd HH:mm:ss.SSS")).isEqualTo("1969-12-31 23:59:59.999");
    }

    @Test
    void parseDatetimeWithJodaPatterns() {
        assertThat(parseJoda("2022-07-07 17:42:32.939", "yyyy-MM-dd HH:mm:ss.SSS")).isEqualTo("2022-07-07T17:42:32.939");
        assertThat(parseJoda("07/07/2022 5:42 pm", "MM/dd/yyyy h:mm a")).isEqualTo("2022-07-07T17:42");
        assertThat(parseJoda("12/07/2022 12:05 AM", "MM/dd/yyyy h:mm a")).isEqualTo("2022-12-07T00:05");
        assertThat(parseJoda("2022-07-07 17:42 +0200", "yyyy-MM-dd HH:mm Z")).isEqualTo("2022-07-07T15:42");
        assertThat(parseJoda("2022-07-07 17:42 -03:30", "yyyy-MM-dd HH:mm ZZ")).isEqualTo("2022-07-07T21:12");
        assertThat(parseJoda("2022", "yyyy")).isEqualTo("2022-01-01T00:00");
        assertThat(parseJoda("July 1969", "MMMM yyyy")).isEqualTo("1969-07-01T00:00");
        assertThat(parseJoda("20220707174232", "yyyyMMddHHmmss")).isEqualTo("2022-07-07T17:42:32");
    }

    @Test
    void parseDatetimeRefusesTextThatDoesNotFit() {
        assertThatThrownBy(() -> parseJoda("2022-07-07x", "yyyy-MM-dd"))
                .isInstanceOf(QueryFunctionException.class).hasMessage("Invalid format: \"2022-07-07x\" is malformed at \"x\"");
        assertThatThrownBy(() -> parseJoda("2022-07", "yyyy-MM-dd"))
                .isInstanceOf(QueryFunctionException.class).hasMessage("Invalid format: \"2022-07\" is too short");
        assertThatThrownBy(() -> parseJoda("2022-02-30", "yyyy-MM-dd"))
                .isInstanceOf(QueryFunctionException.class).hasMessageStartingWith("Invalid format: \"2022-02-30\"");
        assertThatThrownBy(() -> parseJoda("2022-13-01", "yyyy-MM-dd"))
                .isInstanceOf(QueryFunctionException.class).hasMessageStartingWith("Invalid format: \"2022-13-01\"");
        assertThatThrownBy(() -> formatJoda(THURSDAY, "yyyy qq"))
                .isInstanceOf(QueryFunctionException.class).hasMessage("Illegal pattern component: qq");
    }

    @Test
    void dateFormatWithMysqlSpecifiers() {
        assertThat(formatMysql(THURSDAY, "%Y-%m-%d %H:%i:%s")).isEqualTo("2022-07-07 17:42:32");
        assertThat(formatMysql(THURSDAY, "%a %b %e %l:%i %p")).isEqualTo("Thu Jul 7 5:42 PM");
        assertThat(formatMysql(THURSDAY, "%W %M %c %k %j %f")).isEqualTo("Thursday July 7 17 188 939000");
        assertThat(formatMysql(THURSDAY, "%r|%T|%y|%%|%q")).isEqualTo("05:42:32 PM|17:42:32|22|%|q");
        assertThat(formatMysql(timestamp("2021-01-01T00:00"), "%x-%v")).isEqualTo("2020-53");
        assertThatThrownBy(() -> formatMysql(THURSDAY, "%D"))
                .isInstanceOf(QueryFunctionException.class).hasMessage("%D not supported in date format string");
    }

    @Test
    void dateParseWithMysqlSpecifiers() {
        assertThat(parseMysql("2022-07-07 17:42:32.123456789", "%Y-%m-%d %H:%i:%s.%f")).isEqualTo("2022-07-07T17:42:32.123456789");
        assertThat(parseMysql("05:42:32 PM", "%r")).isEqualTo("1970-01-01T17:42:32");
        assertThat(parseMysql("69-1-2", "%y-%c-%e")).isEqualTo("2069-01-02T00:00");
        assertThat(parseMysql("70-1-2", "%y-%c-%e")).isEqualTo("1970-01-02T00:00");
        assertThat(parseMysql("2022-188", "%Y-%j")).isEqualTo("2022-07-07T00:00");
        assertThat(parseMysql("2020-53 5", "%x-%v %k")).isEqualTo("2020-12-28T05:00");
        assertThatThrownBy(() -> parseMysql("2021-366", "%Y-%j"))
                .isInstanceOf(QueryFunctionException.class).hasMessageStartingWith("Invalid format: \"2021-366\"");
    }

    @Test
    void eachRowMayUseItsOwnPattern() {
        Vector times = FunctionHarness.column(TIMESTAMP, FunctionHarness.nanos("2022-07-07T17:42"), FunctionHarness.nanos("2022-07-07T17:42"), null);
        Vector patterns = FunctionHarness.column(VARCHAR, "yyyy", "HH:mm", "yyyy");

        Vector formatted = functions.apply("format_datetime", VARCHAR, times, patterns);

        assertThat(formatted.get(0)).isEqualTo("2022");
        assertThat(formatted.get(1)).isEqualTo("17:42");
        assertThat(formatted.isNull(2)).isTrue();
    }

    private Object formatJoda(Vector time, String pattern) {
        return functions.call("format_datetime", VARCHAR, time, varchar(pattern));
    }

    private String parseJoda(String text, String pattern) {
        return iso(functions.call("parse_datetime", TIMESTAMP, varchar(text), varchar(pattern)));
    }

    private Object formatMysql(Vector time, String pattern) {
        return functions.call("date_format", VARCHAR, time, varchar(pattern));
    }

    private String parseMysql(String text, String pattern) {
        return iso(functions.call("date_parse", TIMESTAMP, varchar(text), varchar(pattern)));
    }
}
