package io.tidemark.loadtest.drill;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CycleLedgerTest {

    /** Writer w0 sent seqs 10..19 and saw 10..14 acknowledged; w1 sent 0..3, all acknowledged. */
    private static CycleLedger ledger() {
        CycleLedger ledger = new CycleLedger(3, new long[] {10, 0});
        ledger.writer(0).sentEnd = 20;
        ledger.writer(0).ackedEnd = 15;
        ledger.writer(1).sentEnd = 4;
        ledger.writer(1).ackedEnd = 4;
        return ledger;
    }

    private static List<String> row(String writer, long seq) {
        return new ArrayList<>(Arrays.asList(writer, Long.toString(seq), Double.toString(seq / 2.0), writer + "-" + seq,
                Boolean.toString(seq % 2 == 0)));
    }

    private static List<List<String>> rows(String writer, long from, long to) {
        List<List<String>> rows = new ArrayList<>();
        for (long seq = from; seq < to; seq++) {
            rows.add(row(writer, seq));
        }
        return rows;
    }

    @Test
    void everyAcknowledgedRecordWholeAndUnacknowledgedOnesEitherWayPass() {
        CycleLedger ledger = ledger();
        List<List<String>> rows = rows("w0", 10, 17); // 15 and 16 were in flight: present, whole
        rows.addAll(rows("w1", 0, 4));
        ledger.check(rows);
        assertThat(ledger.lost()).isZero();
        assertThat(ledger.halfWritten()).isZero();
        assertThat(ledger.acked()).isEqualTo(9);
        assertThat(ledger.sent()).isEqualTo(14);
    }

    @Test
    void aMissingAcknowledgedRecordIsLostOnceHoweverOftenItIsReadBack() {
        CycleLedger ledger = ledger();
        List<List<String>> rows = rows("w0", 10, 15);
        rows.addAll(rows("w1", 0, 4));
        rows.remove(row("w0", 12));
        rows.remove(row("w1", 3));
        ledger.check(rows);
        ledger.check(rows);
        assertThat(ledger.lost()).isEqualTo(2);
        assertThat(ledger.halfWritten()).isZero();
    }

    @Test
    void aRowMissingAMeasureOrWithAWrongValueIsHalfWritten() {
        CycleLedger ledger = ledger();
        List<List<String>> rows = rows("w0", 10, 15);
        rows.addAll(rows("w1", 0, 4));
        List<String> unacknowledgedWithoutLabel = row("w0", 17);
        unacknowledgedWithoutLabel.set(3, null);
        List<String> wrongHalf = row("w1", 2);
        wrongHalf.set(2, "7.5");
        rows.set(rows.indexOf(row("w1", 2)), wrongHalf);
        rows.add(unacknowledgedWithoutLabel);
        ledger.check(rows);
        assertThat(ledger.halfWritten()).isEqualTo(2);
        assertThat(ledger.lost()).as("the acknowledged record with a wrong value is not there whole").isEqualTo(1);
    }

    @Test
    void aRowNoWriterSentIsHalfWritten() {
        CycleLedger ledger = ledger();
        List<List<String>> rows = rows("w0", 10, 15);
        rows.addAll(rows("w1", 0, 4));
        rows.add(row("w0", 25)); // beyond what w0 sent
        rows.add(row("w7", 1)); // no such writer
        ledger.check(rows);
        assertThat(ledger.halfWritten()).isEqualTo(2);
        assertThat(ledger.lost()).isZero();
    }

    @Test
    void countsChangeIsDetectedAgainstTheLastVerifiedOnes() {
        CycleLedger ledger = ledger();
        List<List<String>> counts = List.of(List.of("5", "5", "5", "5", "5"), List.of("4", "4", "4", "4", "4"));
        assertThat(ledger.countsChanged(counts)).isTrue();
        ledger.countsVerified(counts);
        assertThat(ledger.countsChanged(counts)).isFalse();
        assertThat(ledger.countsChanged(List.of(List.of("5", "5", "5", "4", "5"), counts.get(1)))).isTrue();
    }
}
