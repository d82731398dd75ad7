package io.callstream.bench.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FoldRunTest {

    private static final FoldRun ON = new FoldRun(true);
    private static final FoldRun OFF = new FoldRun(false);

    @Test
    void bothRunsWithoutStatisticsFirstUnlessOrderedOtherwise() {
        assertThat(FoldRun.fromSetting("both")).containsExactly(OFF, ON);
        assertThat(FoldRun.fromSetting("on, off")).containsExactly(ON, OFF);
        assertThat(FoldRun.fromSetting("ON")).containsExactly(ON);
        assertThatThrownBy(() -> FoldRun.fromSetting("on,on")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FoldRun.fromSetting("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRunWritesItsOwnTopicsOnly() {
        List<String> broker = List.of("callkit.events",
                "fold-bench-stats-on-call-facts-changelog", "fold-bench-stats-on-stats-changes-repartition",
                "fold-bench-stats-off-call-facts-changelog",
                "warmup-fold-bench-stats-on-call-facts-changelog", "warmup-fold-bench-stats-on-stats-changes-repartition",
                "fold-bench-stats-on.callkit.call-records", "warmup-fold-bench-stats-on.callkit.call-records");

        assertThat(ON.topics().written(broker)).containsExactly(
                "fold-bench-stats-on-call-facts-changelog", "fold-bench-stats-on-stats-changes-repartition",
                "fold-bench-stats-on.callkit.call-records", "fold-bench-stats-on.callkit.concurrency",
                "fold-bench-stats-on.callkit.daily-stats");
        assertThat(OFF.topics().written(broker)).containsExactly("fold-bench-stats-off-call-facts-changelog",
                "fold-bench-stats-off.callkit.call-records", "fold-bench-stats-off.callkit.concurrency",
                "fold-bench-stats-off.callkit.daily-stats");
    }

    @Test
    void aLaterRoundHasItsOwnIdWhichRoundOnesTopicsDoNotMatch() {
        FoldRun second = ON.inRound(2);
        assertThat(second.applicationId()).isEqualTo("fold-bench-round-2-stats-on");
        assertThat(second.label()).isEqualTo("statistics on, round 2");
        List<String> broker = List.of("fold-bench-stats-on-call-facts-changelog", "fold-bench-round-2-stats-on-call-facts-changelog");
        assertThat(ON.topics().written(broker)).contains("fold-bench-stats-on-call-facts-changelog")
                .doesNotContain("fold-bench-round-2-stats-on-call-facts-changelog");
        assertThat(second.topics().written(broker)).contains("fold-bench-round-2-stats-on-call-facts-changelog")
                .doesNotContain("fold-bench-stats-on-call-facts-changelog");
    }

    @Test
    void topicsAreReportedByWhatTheyAre() {
        assertThat(ON.topics().describe("fold-bench-stats-on-stats-day-users-changelog")).isEqualTo("changelog of stats-day-users");
        assertThat(ON.topics().describe("fold-bench-stats-on-stats-changes-repartition")).isEqualTo("repartition topic stats-changes");
        assertThat(ON.topics().describe("fold-bench-stats-on.callkit.daily-stats")).isEqualTo("callkit.daily-stats");
    }

    @Test
    void theAppIsToldWhetherToKeepStatisticsAndWhereToWrite() {
        assertThat(OFF.variables()).containsEntry("CALLSTREAM_STATS", "false")
                .containsEntry("CALLSTREAM_TOPIC_CALL_RECORDS", "fold-bench-stats-off.callkit.call-records")
                .containsEntry("CALLSTREAM_TOPIC_CONCURRENCY", "fold-bench-stats-off.callkit.concurrency")
                .containsEntry("CALLSTREAM_TOPIC_DAILY_STATS", "fold-bench-stats-off.callkit.daily-stats");
    }
}
