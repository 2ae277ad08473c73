package io.tidemark.loadtest.compare;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.loadtest.bench.TsbsQueries.Type;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** worst_ratio arithmetic and the report's text forms. */
class ComparisonReportTest {

    private static Figure figure(boolean higherIsBetter, double tidemark, double... peers) {
        Map<String, Double> bySystem = new LinkedHashMap<>();
        bySystem.put("tidemark", tidemark);
        for (int p = 0; p < peers.length; p++) {
            bySystem.put("peer" + p, peers[p]);
        }
        return new Figure("int", "f", higherIsBetter, bySystem);
    }

    @Test
    void aCostIsDividedByTheLowestPeerCost() {
        assertThat(figure(false, 0.8, 0.4, 2.0).ratio()).isEqualTo(2.0);
        assertThat(figure(false, 0.2, 0.4, 2.0).ratio()).isEqualTo(0.5);
    }

    @Test
    void aRateIsTheBestPeerRateOverTidemarks() {
        assertThat(figure(true, 1_000_000, 2_600_000, 1_900_000).ratio()).isEqualTo(2.6);
        assertThat(figure(true, 4_000_000, 2_000_000).ratio()).isEqualTo(0.5);
    }

    @Test
    void peersWithoutTheFigureDoNotCountAndTidemarkWithoutItIsInfinitelyWorse() {
        assertThat(figure(false, 3, Double.NaN, 6).ratio()).isEqualTo(0.5);
        assertThat(figure(false, 3, Double.NaN).ratio()).isNaN();
        assertThat(figure(false, Double.NaN, 6).ratio()).isInfinite();
    }

    @Test
    void theWorstRatioIsTheLargestSkippingFiguresNoPeerHas() {
        List<Figure> figures = List.of(figure(false, 1, 2), figure(true, 1, 3), figure(false, 5, Double.NaN));
        assertThat(Figure.worstRatio(figures)).isEqualTo(3.0);
        assertThat(Figure.worstRatio(List.of(figure(false, 5, Double.NaN)))).isNaN();
    }

    private static Map<String, List<SystemResult>> results(Map<Type, String> peerMismatches) {
        SystemResult tidemark = new SystemResult("tidemark", 1_000_000, 4_000_000, 10_000_000, 500_000_000,
                6_000_000_000L, Map.of(Type.LASTPOINT, 2.0, Type.HIGH_CPU_1, 1.0), Map.of());
        SystemResult peer = new SystemResult("victoriametrics", 2_000_000, 4_000_000, 10_000_000, 100_000_000, -1,
                Map.of(Type.LASTPOINT, 4.0, Type.HIGH_CPU_1, 0.25), peerMismatches);
        Map<String, List<SystemResult>> results = new LinkedHashMap<>();
        results.put("int", List.of(tidemark, peer));
        return results;
    }

    @Test
    void aMismatchingAnswerHasNoLatencyAndIsCounted() {
        List<Type> types = List.of(Type.LASTPOINT, Type.HIGH_CPU_1);
        ComparisonReport honest = new ComparisonReport(results(Map.of()), types);
        assertThat(honest.worstRatio()).isEqualTo(5.0); // RSS 500 MB against 100 MB
        assertThat(honest.lines()).contains("int tidemark query_ms{high-cpu-1}=1.000",
                "int victoriametrics query_ms{high-cpu-1}=0.250", "int tidemark ingest_points_per_s=1000000",
                "int tidemark ingest_server_cpu_ns_per_point=600.0",
                "int victoriametrics ingest_server_cpu_ns_per_point=n/a");

        ComparisonReport wrong = new ComparisonReport(results(Map.of(Type.HIGH_CPU_1, "row 0 differs")), types);
        assertThat(wrong.mismatches()).containsExactly("int victoriametrics high-cpu-1: row 0 differs");
        assertThat(wrong.lines()).contains("int victoriametrics query_ms{high-cpu-1}=n/a");
        assertThat(wrong.figures()).filteredOn(f -> f.name().equals("query_ms{high-cpu-1}"))
                .singleElement().satisfies(f -> assertThat(f.ratio()).isNaN());
    }

    @Test
    void theMarkdownTableHasAColumnPerSystemAndTheRatio() {
        String markdown = new ComparisonReport(results(Map.of()), List.of(Type.LASTPOINT)).markdown();
        assertThat(markdown).contains("**values: int**")
                .contains("| figure | tidemark | victoriametrics | tidemark / best peer |")
                .contains("| ingest_points_per_s | 1000000 | 2000000 | 2.00 |")
                .contains("| bytes_per_point | 0.400 | 0.400 | 1.00 |")
                .contains("| query_ms{lastpoint} | 2.000 | 4.000 | 0.50 |");
    }

    @Test
    void theDocsSectionIsReplacedBetweenItsMarkersOrAppended() {
        String once = ComparisonReport.replaceSection("# Benchmarks\n\nIntro.\n", "table one");
        assertThat(once).startsWith("# Benchmarks\n\nIntro.\n\n" + ComparisonReport.BEGIN + "\ntable one\n"
                + ComparisonReport.END);
        String twice = ComparisonReport.replaceSection(once + "\nAfter.\n", "table two");
        assertThat(twice).contains("table two").doesNotContain("table one").contains("Intro.").endsWith("After.\n");
    }
}
