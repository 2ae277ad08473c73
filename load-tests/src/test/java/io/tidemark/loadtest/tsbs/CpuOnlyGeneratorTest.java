package io.tidemark.loadtest.tsbs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.storage.model.Dimension;
import io.tidemark.storage.model.SeriesKey;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CpuOnlyGeneratorTest {

    private static final int STEPS = 8_640;

    @Test
    void tagsUseTheTsbsVocabulary() {
        CpuOnlyGenerator gen = new CpuOnlyGenerator(CpuOnlyConfig.tsbs(500, 7, ValueMode.INT));
        Set<String> regions = new HashSet<>();
        for (int h = 0; h < gen.hostCount(); h++) {
            HostTags tags = gen.host(h);
            assertThat(tags.hostname()).isEqualTo("host_" + h);
            TsbsVocabulary.Region region = TsbsVocabulary.REGIONS.stream()
                    .filter(r -> r.name().equals(tags.get("region"))).findFirst().orElseThrow();
            regions.add(region.name());
            assertThat(region.datacenters()).contains(tags.get("datacenter"));
            assertThat(Integer.parseInt(tags.get("rack"))).isBetween(0, 99);
            assertThat(tags.get("os")).isIn(TsbsVocabulary.OS_CHOICES);
            assertThat(tags.get("arch")).isIn(TsbsVocabulary.ARCH_CHOICES);
            assertThat(tags.get("team")).isIn(TsbsVocabulary.TEAM_CHOICES);
            assertThat(Integer.parseInt(tags.get("service"))).isBetween(0, 19);
            assertThat(tags.get("service_version")).isIn("0", "1");
            assertThat(tags.get("service_environment")).isIn(TsbsVocabulary.SERVICE_ENVIRONMENT_CHOICES);
        }
        assertThat(regions).hasSize(9);
    }

    @Test
    void vocabularyMatchesTsbs() {
        assertThat(TsbsVocabulary.TAG_NAMES).containsExactly("hostname", "region", "datacenter", "rack", "os",
                "arch", "team", "service", "service_version", "service_environment");
        assertThat(TsbsVocabulary.FIELD_NAMES).hasSize(TsbsVocabulary.FIELD_COUNT)
                .startsWith("usage_user", "usage_system", "usage_idle").endsWith("usage_guest_nice");
        assertThat(TsbsVocabulary.REGIONS).extracting(TsbsVocabulary.Region::name).containsExactly(
                "us-east-1", "us-west-1", "us-west-2", "eu-west-1", "eu-central-1",
                "ap-southeast-1", "ap-southeast-2", "ap-northeast-1", "sa-east-1");
        assertThat(TsbsVocabulary.REGIONS.get(0).datacenters())
                .containsExactly("us-east-1a", "us-east-1b", "us-east-1c", "us-east-1e");
        assertThat(TsbsVocabulary.REGIONS.get(7).datacenters()).containsExactly("ap-northeast-1a", "ap-northeast-1c");
        assertThat(TsbsVocabulary.REGIONS).flatExtracting(TsbsVocabulary.Region::datacenters).hasSize(23);
    }

    @Test
    void seriesKeysAreHostTagsPlusFieldName() {
        CpuOnlyGenerator gen = new CpuOnlyGenerator(CpuOnlyConfig.tsbs(3, 1, ValueMode.INT));
        assertThat(gen.seriesCount()).isEqualTo(30);
        SeriesKey key = gen.seriesKey(CpuOnlyGenerator.seriesOf(2, 1));
        assertThat(key.measureName()).isEqualTo("usage_system");
        assertThat(key.dimensionValue("hostname")).isEqualTo("host_2");
        assertThat(key.dimensions()).containsExactlyInAnyOrderElementsOf(gen.host(2).dimensions());
        Set<SeriesKey> distinct = new HashSet<>();
        for (int s = 0; s < gen.seriesCount(); s++) {
            distinct.add(gen.seriesKey(s));
        }
        assertThat(distinct).hasSize(30);
    }

    @Test
    void sameSeedSameDataDifferentSeedDifferentData() {
        for (ValueMode mode : ValueMode.values()) {
            double[] a = series(new CpuOnlyGenerator(CpuOnlyConfig.tsbs(4, 42, mode)), 13, STEPS);
            double[] b = series(new CpuOnlyGenerator(CpuOnlyConfig.tsbs(4, 42, mode)), 13, STEPS);
            double[] c = series(new CpuOnlyGenerator(CpuOnlyConfig.tsbs(4, 43, mode)), 13, STEPS);
            assertThat(a).isEqualTo(b);
            assertThat(a).isNotEqualTo(c);
        }
        List<Dimension> tags42 = new CpuOnlyGenerator(CpuOnlyConfig.tsbs(50, 42, ValueMode.INT)).host(49).dimensions();
        assertThat(new CpuOnlyGenerator(CpuOnlyConfig.tsbs(50, 42, ValueMode.INT)).host(49).dimensions())
                .isEqualTo(tags42);
    }

    @Test
    void valuesAreTheOnesFirstGenerated() {
        // frozen: data sets generated earlier must stay reproducible from their seed
        double[] ints = new double[12];
        new CpuOnlyGenerator(CpuOnlyConfig.tsbs(4, 42, ValueMode.INT)).nextValues(13, ints, 0, 12);
        assertThat(ints).containsExactly(81, 81, 82, 81, 81, 82, 80, 78, 80, 80, 81, 81);
        double[] floats = new double[12];
        new CpuOnlyGenerator(CpuOnlyConfig.tsbs(4, 42, ValueMode.FLOAT2)).nextValues(13, floats, 0, 12);
        assertThat(floats).containsExactly(81.09, 81.73, 82.25, 81.29, 81.18, 81.24, 80.86, 80.63, 80.86, 81.47,
                82.08, 81.08);
    }

    @Test
    void hostsWalkIndependently() {
        // walks of independent hosts, which start uniform in [0,100), spread over the range: after
        // 12 hours about half of them are above 50 (correlated streams put every host together)
        double[] walk = new double[4321];
        for (int step : new int[] {360, 4320}) {
            int above = 0;
            CpuOnlyGenerator fresh = new CpuOnlyGenerator(CpuOnlyConfig.tsbs(100, 1, ValueMode.INT));
            for (int h = 0; h < 100; h++) {
                fresh.nextValues(CpuOnlyGenerator.seriesOf(h, 0), walk, 0, step + 1);
                above += walk[step] > 50 ? 1 : 0;
            }
            assertThat(above).as("hosts above 50 at step %d", step).isBetween(30, 70);
        }
    }

    @Test
    void seriesAreIndependentOfGenerationOrderAndPieceSize() {
        CpuOnlyGenerator whole = new CpuOnlyGenerator(CpuOnlyConfig.tsbs(2, 5, ValueMode.INT));
        double[] expected = series(whole, 7, 1000);

        CpuOnlyGenerator pieces = new CpuOnlyGenerator(CpuOnlyConfig.tsbs(2, 5, ValueMode.INT));
        double[] other = new double[333];
        pieces.nextValues(3, other, 0, other.length);
        double[] actual = new double[1000];
        pieces.nextValues(7, actual, 0, 1);
        pieces.nextValues(7, actual, 1, 499);
        assertThat(pieces.nextStep(7)).isEqualTo(500);
        pieces.nextValues(7, actual, 500, 500);
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void integerValuesAreTruncatedWalksWithinZeroToHundred() {
        CpuOnlyGenerator gen = new CpuOnlyGenerator(CpuOnlyConfig.tsbs(10, 3, ValueMode.INT));
        int bigSteps = 0;
        Set<Double> seen = new HashSet<>();
        for (int s = 0; s < gen.seriesCount(); s++) {
            double[] v = series(gen, s, STEPS);
            for (int i = 0; i < v.length; i++) {
                assertThat(v[i]).isBetween(0.0, 100.0);
                assertThat(v[i]).isEqualTo(Math.rint(v[i]));
                seen.add(v[i]);
                // a truncated N(0,1) walk moves more than 5 units in one step essentially never
                assertThat(i == 0 ? 0 : Math.abs(v[i] - v[i - 1])).isLessThan(7.0);
                if (i > 0 && Math.abs(v[i] - v[i - 1]) >= 2) {
                    bigSteps++;
                }
            }
        }
        // Gaussian steps: |step| >= 2 units after truncation happens, but rarely (uniform(-1,1) never reaches it)
        assertThat(bigSteps).isPositive();
        assertThat(seen).hasSizeGreaterThan(90);
    }

    @Test
    void float2ValuesHaveTwoDecimalsAndUniformSteps() {
        CpuOnlyGenerator gen = new CpuOnlyGenerator(CpuOnlyConfig.tsbs(5, 9, ValueMode.FLOAT2));
        int fractional = 0;
        for (int s = 0; s < gen.seriesCount(); s++) {
            double[] v = series(gen, s, STEPS);
            for (int i = 0; i < v.length; i++) {
                assertThat(v[i]).isBetween(0.0, 100.0);
                double rounded = Math.round(v[i] * 100) / 100.0;
                assertThat(Double.doubleToRawLongBits(v[i])).isEqualTo(Double.doubleToRawLongBits(rounded));
                if (v[i] != Math.rint(v[i])) {
                    fractional++;
                }
                if (i > 0) {
                    // the walk moves < 1 per step; rounding both ends adds at most 0.01
                    assertThat(Math.abs(v[i] - v[i - 1])).isLessThanOrEqualTo(1.01);
                }
            }
        }
        assertThat(fractional).isGreaterThan(gen.seriesCount() * STEPS * 9 / 10);
    }

    @Test
    void walksStartUniformlyInZeroToHundred() {
        CpuOnlyGenerator gen = new CpuOnlyGenerator(CpuOnlyConfig.tsbs(200, 11, ValueMode.FLOAT2));
        int[] deciles = new int[10];
        double[] first = new double[1];
        for (int s = 0; s < gen.seriesCount(); s++) {
            gen.nextValues(s, first, 0, 1);
            deciles[(int) Math.min(9, first[0] / 10)]++;
        }
        // 2000 starts: each decile expects 200; 120 is more than 5 standard deviations below
        for (int count : deciles) {
            assertThat(count).isGreaterThan(120);
        }
    }

    @Test
    void timestampsStartAt2016AndStepByTenSeconds() {
        CpuOnlyGenerator gen = new CpuOnlyGenerator(CpuOnlyConfig.tsbs(1, 1, ValueMode.INT));
        long[] times = new long[4];
        gen.fillTimes(8_639, times, 4);
        assertThat(CpuOnlyConfig.TSBS_START_NANOS).isEqualTo(1_451_606_400_000_000_000L);
        assertThat(times[0]).isEqualTo(1_451_606_400_000_000_000L + 8_639 * 10_000_000_000L);
        assertThat(times[1] - times[0]).isEqualTo(10_000_000_000L);
        assertThat(times[3] - times[2]).isEqualTo(10_000_000_000L);
        assertThat(gen.config().stepsIn(24)).isEqualTo(8_640);
    }

    @Test
    void rejectsBadConfigWithClearMessages() {
        assertThatThrownBy(() -> CpuOnlyConfig.tsbs(0, 1, ValueMode.INT))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("cannot generate: scale=0 (must be > 0)");
        assertThatThrownBy(() -> ValueMode.parse("float3"))
                .hasMessage("cannot parse value mode: value=float3, expected=int|float2");
    }

    private static double[] series(CpuOnlyGenerator gen, int series, int steps) {
        double[] v = new double[steps];
        gen.nextValues(series, v, 0, steps);
        return v;
    }
}
