package io.callstream.bench.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.callstream.topology.stats.CallFigures;
import io.callstream.topology.stats.StatsChange;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AppStatsChangesTest {

    private static final long APP = 1400000001L;
    private static final long NOW = 1_800_000_000L;

    private final List<StatsChange> sent = new ArrayList<>();

    private AppStatsChanges.Counts send(int calls, double revisionShare) {
        return AppStatsChanges.forEach(APP, new AppStatsChanges.Settings(calls, 3600, revisionShare, 1000), NOW,
                new Random(5), sent::add);
    }

    @Test
    void aRecordPerCallAndARevisionForTheGivenShare() {
        AppStatsChanges.Counts counts = send(4000, 0.3);

        assertThat(sent).hasSize((int) counts.changes()).allMatch(StatsChange::isEffective)
                .allMatch(change -> change.sdkAppId() == APP);
        assertThat(sent.stream().filter(change -> change.before() == null)).hasSize(4000);
        assertThat((double) counts.revisions() / counts.records()).isCloseTo(0.3, within(0.03));
    }

    @Test
    void callsStartWithinTheWindowEndingNow() {
        send(1000, 0);

        assertThat(sent).allSatisfy(change -> assertThat(change.after().startTs()).isBetween(NOW - 3600, NOW - 1));
    }

    @Test
    void aRevisionFollowsItsRecordAndMovesTheEndOrAddsAParticipant() {
        send(2000, 1);

        Set<CallFigures> recorded = new HashSet<>();
        for (StatsChange change : sent) {
            if (change.before() == null) {
                recorded.add(change.after());
                continue;
            }
            assertThat(recorded).contains(change.before());
            CallFigures before = change.before();
            CallFigures after = change.after();
            boolean later = after.endTs() - before.endTs() >= 5 && after.endTs() - before.endTs() <= 60
                    && after.participants().equals(before.participants());
            boolean joined = after.endTs().equals(before.endTs()) && after.participants().size() == before.participants().size() + 1;
            assertThat(later || joined).as("%s → %s", before, after).isTrue();
        }
    }

    @Test
    void recordsComeOutInTheOrderTheirCallsEnd() {
        send(2000, 0);

        assertThat(sent).extracting(change -> change.after().endTs()).isSorted();
    }
}
