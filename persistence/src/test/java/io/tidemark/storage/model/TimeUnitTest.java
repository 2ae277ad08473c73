package io.tidemark.storage.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TimeUnitTest {

    @Test
    void convertsEveryUnitToNanosExactly() {
        assertThat(TimeUnit.SECONDS.toNanos(1_451_606_400L)).isEqualTo(1_451_606_400_000_000_000L);
        assertThat(TimeUnit.MILLISECONDS.toNanos(1_451_606_400_123L)).isEqualTo(1_451_606_400_123_000_000L);
        assertThat(TimeUnit.MICROSECONDS.toNanos(1_451_606_400_123_456L)).isEqualTo(1_451_606_400_123_456_000L);
        assertThat(TimeUnit.NANOSECONDS.toNanos(1_451_606_400_123_456_789L)).isEqualTo(1_451_606_400_123_456_789L);
    }

    @Test
    void outOfRangeTimesAreRejectedNotWrapped() {
        assertThatThrownBy(() -> TimeUnit.SECONDS.toNanos(10_000_000_000L)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void fromNanosRoundsDown() {
        assertThat(TimeUnit.SECONDS.fromNanos(-1)).isEqualTo(-1);
        assertThat(TimeUnit.MILLISECONDS.fromNanos(1_999_999)).isEqualTo(1);
    }

    @Test
    void measureTypeIdsAreFrozen() {
        assertThat(MeasureType.DOUBLE.id()).isEqualTo(1);
        assertThat(MeasureType.BIGINT.id()).isEqualTo(2);
        assertThat(MeasureType.VARCHAR.id()).isEqualTo(3);
        assertThat(MeasureType.BOOLEAN.id()).isEqualTo(4);
        assertThat(MeasureType.TIMESTAMP.id()).isEqualTo(5);
        assertThat(MeasureType.MULTI.id()).isEqualTo(6);
        for (MeasureType t : MeasureType.values()) {
            assertThat(MeasureType.fromId(t.id())).isSameAs(t);
        }
        assertThatThrownBy(() -> MeasureType.fromId(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
