package io.tidemark.loadtest.tsbs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class IotUseCaseTest {

    private static final int TRUCKS = 20;
    private static final int STEPS = 1000;
    private static final GeneratorConfig CONFIG = new GeneratorConfig(TRUCKS, 5, CpuOnlyConfig.TSBS_START_NANOS,
            TimeUnit.SECONDS.toNanos(10), STEPS, ValueMode.INT);

    @Test
    void trucksCarryTsbsTagsAndMeasurements() {
        UseCaseGenerator iot = IotUseCase.generator(CONFIG);
        assertThat(iot.measurements()).extracting(MeasurementSchema::name).containsExactly("readings", "diagnostics");
        assertThat(iot.measurements().get(0).fieldNames()).containsExactly("latitude", "longitude", "elevation",
                "velocity", "heading", "grade", "fuel_consumption");
        assertThat(iot.measurements().get(1).fieldNames()).containsExactly("fuel_state", "current_load", "status");
        assertThat(iot.measurements().get(1).isInteger(2)).isTrue();
        for (MeasurementSchema m : iot.measurements()) {
            assertThat(m.tagNames()).isEqualTo(IotUseCase.TAG_NAMES);
        }
        List<GeneratedRows.Row> orderly = GeneratedRows.rows(IotUseCase.orderly(CONFIG));
        assertThat(orderly).hasSize(TRUCKS * STEPS * 2);
        for (GeneratedRows.Row row : orderly.subList(0, TRUCKS * 2)) {
            List<String> t = row.tags();
            assertThat(t.get(0)).matches("truck_\\d+");
            assertThat(t.get(1)).isIn(IotUseCase.FLEETS);
            assertThat(t.get(2)).isIn(IotUseCase.DRIVERS);
            assertThat(t.get(4)).isIn(IotUseCase.DEVICE_VERSIONS);
            IotUseCase.TruckModel model = IotUseCase.MODELS.stream().filter(m -> m.name().equals(t.get(3)))
                    .findFirst().orElseThrow();
            assertThat(t.subList(5, 8)).containsExactly(model.loadCapacity(), model.fuelCapacity(),
                    model.fuelConsumption());
        }
    }

    @Test
    void valuesStayInRangeAtTsbsPrecision() {
        for (GeneratedRows.Row row : GeneratedRows.rows(IotUseCase.orderly(CONFIG))) {
            double[] v = row.values();
            if (row.measurement().equals("readings")) {
                assertThat(v[0]).isBetween(-90.0, 90.0);
                assertThat(v[1]).isBetween(-180.0, 180.0);
                assertThat(v[0] * 1e5).isCloseTo(Math.rint(v[0] * 1e5), org.assertj.core.api.Assertions.within(1e-6));
                assertThat(v[2]).isBetween(0.0, 5000.0).isEqualTo(Math.rint(v[2]));
                assertThat(v[3]).isBetween(0.0, 100.0).isEqualTo(Math.rint(v[3]));
                assertThat(v[4]).isBetween(0.0, 360.0);
                assertThat(v[5]).isBetween(0.0, 100.0);
                assertThat(v[6]).isBetween(0.0, 50.0);
                assertThat(v[6] * 10).isCloseTo(Math.rint(v[6] * 10), org.assertj.core.api.Assertions.within(1e-9));
            } else {
                assertThat(v[0]).isBetween(0.0, 1.0);
                assertThat(v[1]).isBetween(0.0, 5000.0).isEqualTo(Math.rint(v[1]));
                assertThat(v[2]).isIn(0.0, 1.0, 2.0, 3.0, 4.0, 5.0);
            }
        }
    }

    @Test
    void missingOutOfOrderAndZeroedEntriesComeAtTsbsRates() {
        List<GeneratedRows.Row> rows = GeneratedRows.rows(IotUseCase.generator(CONFIG));
        List<GeneratedRows.Row> orderlyRows = GeneratedRows.rows(IotUseCase.orderly(CONFIG));
        Map<String, Integer> orderlyIndex = new HashMap<>();
        for (int i = 0; i < orderlyRows.size(); i++) {
            orderlyIndex.put(key(orderlyRows.get(i)), i);
        }
        int orderly = TRUCKS * STEPS * 2;
        // 1 % of batches and 10 % of the remaining entries go missing
        assertThat(rows.size() / (double) orderly).isBetween(0.86, 0.92);
        int zeroedField = 0;
        int zeroedTag = 0;
        int late = 0;
        int furthest = -1;
        for (GeneratedRows.Row row : rows) {
            boolean anyAbsent = false;
            for (boolean p : row.present()) {
                anyAbsent |= !p;
            }
            zeroedField += anyAbsent ? 1 : 0;
            zeroedTag += row.tags().contains(null) ? 1 : 0;
            if (row.tags().get(0) == null) {
                continue; // the truck's name was zeroed: it cannot be told from other trucks
            }
            Integer index = orderlyIndex.remove(key(row));
            assertThat(index).as("each row is one of the orderly rows, sent at most once: %s", row).isNotNull();
            if (index < furthest) {
                late++;
            }
            furthest = Math.max(furthest, index);
        }
        assertThat(zeroedField / (double) rows.size()).isBetween(0.08, 0.12);
        assertThat(zeroedTag / (double) rows.size()).isBetween(0.005, 0.015);
        // entries held back (30 % of those not missing, half of them sent again within a slot or two,
        // before any later row) and batches held back (5 %) come after later rows: about one in five
        assertThat(late / (double) rows.size()).as("late=%d of %d", late, rows.size()).isBetween(0.12, 0.28);
    }

    private static String key(GeneratedRows.Row row) {
        return row.measurement() + "/" + row.tags().get(0) + "/" + row.time();
    }
}
