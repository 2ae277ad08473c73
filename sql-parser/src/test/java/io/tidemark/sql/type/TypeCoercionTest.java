package io.tidemark.sql.type;

import static io.tidemark.sql.type.PrimitiveType.BIGINT;
import static io.tidemark.sql.type.PrimitiveType.BOOLEAN;
import static io.tidemark.sql.type.PrimitiveType.DATE;
import static io.tidemark.sql.type.PrimitiveType.DOUBLE;
import static io.tidemark.sql.type.PrimitiveType.INTEGER;
import static io.tidemark.sql.type.PrimitiveType.TIMESTAMP;
import static io.tidemark.sql.type.PrimitiveType.UNKNOWN;
import static io.tidemark.sql.type.PrimitiveType.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TypeCoercionTest {

    @Test
    void implicitCoercionsAreTrinos() {
        assertThat(TypeCoercion.canCoerce(INTEGER, BIGINT)).isTrue();
        assertThat(TypeCoercion.canCoerce(INTEGER, DOUBLE)).isTrue();
        assertThat(TypeCoercion.canCoerce(BIGINT, DOUBLE)).isTrue();
        assertThat(TypeCoercion.canCoerce(DATE, TIMESTAMP)).isTrue();
        assertThat(TypeCoercion.canCoerce(UNKNOWN, new TimeSeriesType(DOUBLE))).isTrue();
        assertThat(TypeCoercion.canCoerce(DOUBLE, BIGINT)).isFalse();
        assertThat(TypeCoercion.canCoerce(VARCHAR, TIMESTAMP)).isFalse();
        assertThat(TypeCoercion.canCoerce(BIGINT, VARCHAR)).isFalse();
        assertThat(TypeCoercion.canCoerce(new ArrayType(INTEGER), new ArrayType(DOUBLE))).isTrue();
        assertThat(TypeCoercion.canCoerce(new TimeSeriesType(BIGINT), new TimeSeriesType(DOUBLE))).isTrue();
        assertThat(TypeCoercion.canCoerce(new TimeSeriesType(DOUBLE), new TimeSeriesType(BIGINT))).isFalse();
    }

    @Test
    void commonSuperTypes() {
        assertThat(TypeCoercion.commonSuperType(INTEGER, BIGINT)).contains(BIGINT);
        assertThat(TypeCoercion.commonSuperType(UNKNOWN, VARCHAR)).contains(VARCHAR);
        assertThat(TypeCoercion.commonSuperType(VARCHAR, BIGINT)).isEmpty();
        assertThat(TypeCoercion.commonSuperType(List.of(INTEGER, UNKNOWN, DOUBLE))).contains(DOUBLE);
        assertThat(TypeCoercion.commonSuperType(List.of())).contains(UNKNOWN);
        RowType named = new RowType(List.of(RowType.Field.named("a", BIGINT)));
        RowType other = new RowType(List.of(RowType.Field.named("b", DOUBLE)));
        assertThat(TypeCoercion.commonSuperType(named, other)).as("rows coerce field by field; the wider row's names win").contains(other);
        RowType text = new RowType(List.of(RowType.Field.named("b", VARCHAR)));
        assertThat(TypeCoercion.commonSuperType(named, text)).isEmpty();
        assertThat(TypeCoercion.commonSuperType(new MapType(VARCHAR, INTEGER), new MapType(VARCHAR, DOUBLE)))
                .contains(new MapType(VARCHAR, DOUBLE));
    }

    @Test
    void explicitCasts() {
        assertThat(TypeCoercion.canCast(VARCHAR, DOUBLE)).isTrue();
        assertThat(TypeCoercion.canCast(DOUBLE, BOOLEAN)).isTrue();
        assertThat(TypeCoercion.canCast(VARCHAR, TIMESTAMP)).isTrue();
        assertThat(TypeCoercion.canCast(TIMESTAMP, DATE)).isTrue();
        assertThat(TypeCoercion.canCast(DATE, PrimitiveType.TIME)).isFalse();
        assertThat(TypeCoercion.canCast(PrimitiveType.INTERVAL_DAY_TO_SECOND, VARCHAR)).isTrue();
        assertThat(TypeCoercion.canCast(BIGINT, TIMESTAMP)).isFalse();
        assertThat(TypeCoercion.canCast(new ArrayType(VARCHAR), new ArrayType(BIGINT))).isTrue();
        assertThat(TypeCoercion.canCast(new TimeSeriesType(DOUBLE), VARCHAR)).isFalse();
    }

    @Test
    void namesAsTimestreamReportsThem() {
        assertThat(Arrays.stream(PrimitiveType.values()).map(PrimitiveType::columnInfoType)).containsExactly("BOOLEAN", "INTEGER", "BIGINT",
                "DOUBLE", "VARCHAR", "TIMESTAMP", "DATE", "TIME", "INTERVAL_DAY_TO_SECOND", "INTERVAL_YEAR_TO_MONTH", "UNKNOWN");
        assertThat(new ArrayType(DOUBLE).columnInfoType()).isEqualTo("ARRAY");
        assertThat(new TimeSeriesType(DOUBLE).columnInfoType()).isEqualTo("TIMESERIES");
        assertThat(new TimeSeriesType(DOUBLE).displayName()).isEqualTo("timeseries(double)");
        assertThat(new TimeSeriesType(DOUBLE).pointType().displayName()).isEqualTo("row(time timestamp, value double)");
        assertThat(new RowType(List.of(new RowType.Field(Optional.of("a"), BIGINT), RowType.Field.anonymous(VARCHAR))).displayName())
                .isEqualTo("row(a bigint, varchar)");
        assertThat(new MapType(VARCHAR, BIGINT).displayName()).isEqualTo("map(varchar, bigint)");
        assertThat(new FunctionType(List.of(BIGINT), BOOLEAN).displayName()).isEqualTo("function(bigint, boolean)");
        assertThat(PrimitiveType.INTERVAL_DAY_TO_SECOND.displayName()).isEqualTo("interval day to second");
    }

    @Test
    void comparability() {
        assertThat(new TimeSeriesType(DOUBLE).isComparable()).isFalse();
        assertThat(new MapType(VARCHAR, BIGINT).isOrderable()).isFalse();
        assertThat(new MapType(VARCHAR, BIGINT).isComparable()).isTrue();
        assertThat(new ArrayType(new TimeSeriesType(DOUBLE)).isComparable()).isFalse();
        assertThat(new RowType(List.of(RowType.Field.anonymous(BIGINT))).isOrderable()).isTrue();
    }
}
