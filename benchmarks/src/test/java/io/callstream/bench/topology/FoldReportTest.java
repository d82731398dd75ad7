package io.callstream.bench.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The report's headline: one round's ratio, or the median of several rounds' with each round's listed. */
class FoldReportTest {

    private static final long EVENTS = 100_000;
    private static final StreamsFloor.Floor THREE_PUTS = new StreamsFloor.Floor(3);

    @Test
    void theMedianIsTheMiddleValueOrTheMeanOfTheMiddleTwo() {
        assertThat(FoldReport.median(List.of(0.5, 0.3, 0.4))).isEqualTo(0.4);
        assertThat(FoldReport.median(List.of(0.5, 0.3, 0.4, 0.6))).isEqualTo(0.45, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(FoldReport.median(List.of(0.7))).isEqualTo(0.7);
    }

    @Test
    void oneRoundHeadlinesItsOwnRatio() {
        String report = new FoldReport(EVENTS, 200_000, List.of(round(1, 30_000, 80_000))).toString();

        assertThat(report).contains("**Steady fold with statistics / floor with 3 puts per event: 0.38**")
                .doesNotContain("median");
    }

    @Test
    void severalRoundsHeadlineTheMedianAndListEachRound() {
        String report = new FoldReport(EVENTS, 200_000, List.of(round(1, 30_000, 60_000), round(2, 20_000, 100_000),
                round(3, 36_000, 90_000))).toString();

        assertThat(report).contains("**Steady fold with statistics / floor with 3 puts per event, median of 3 rounds: 0.40**")
                .contains("| 1 | 30,000 | 60,000 | 0.50 |")
                .contains("| 2 | 20,000 | 100,000 | 0.20 |")
                .contains("| 3 | 36,000 | 90,000 | 0.40 |")
                .contains("The tables below are round 3's.")
                .contains("statistics on, round 3 (run 1 of 1)");
    }

    @Test
    void warmUpRoundsAreListedButLeftOutOfTheHeadline() {
        String report = new FoldReport(EVENTS, 200_000, List.of(round(1, 10_000, 100_000, true), round(2, 20_000, 100_000, true),
                round(3, 30_000, 60_000, false), round(4, 36_000, 90_000, false), round(5, 20_000, 100_000, false))).toString();

        assertThat(report).contains("**Steady fold with statistics / floor with 3 puts per event, median of 3 rounds: 0.40** "
                        + "after 2 warm-up rounds (median of all 5 rounds: 0.20).")
                .contains("| 1 (warm-up) | 10,000 | 100,000 | 0.10 |")
                .contains("|---|---:|---:|---:|---|---|\n")
                // progress(): one CPU second of the stream thread over 80,000 events, nothing read back, no thread metrics
                .contains("| 4 | 36,000 | 90,000 | 0.40 | 12.5 / 0.0 / 0.0; 12.5 / 0.0 / 0.0 | — / — |\n")
                .contains("| 3 | 30,000 | 60,000 | 0.50 |")
                .contains("The tables below are round 5's.");
    }

    private static FoldReport.Round round(int round, double foldRate, double floorRate) {
        return round(round, foldRate, floorRate, false);
    }

    private static FoldReport.Round round(int round, double foldRate, double floorRate, boolean warmUp) {
        FoldReport.AppRun fold = new FoldReport.AppRun(new FoldRun(true, round), List.of(), "warm", progress(foldRate),
                Optional.empty(), Map.of(), "1,000", Optional.empty(), Optional.empty());
        return new FoldReport.Round(Map.of(THREE_PUTS, progress(floorRate)), List.of(fold), warmUp);
    }

    /** Progress whose steady state (80% of the events) took the time that gives {@code rate}. */
    private static CommittedProgress progress(double rate) {
        long steadyNanos = (long) (EVENTS * 0.8 / rate * 1e9);
        return new CommittedProgress(EVENTS, 0, 1_000, 1_000 + steadyNanos, 2_000 + steadyNanos,
                Map.of("stream thread", 1.0), Map.of(), 0.0, Map.of());
    }
}
