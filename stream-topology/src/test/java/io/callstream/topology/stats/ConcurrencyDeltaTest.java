package io.callstream.topology.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.schemas.CallScope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * R7 by revisions: the deltas of every revision of every call, summed second by second, must leave exactly what a
 * brute-force count over each call's final figures gives, in each scope, whatever the revisions did in between.
 */
class ConcurrencyDeltaTest {

    private static final long BASE = 1_800_000_000L; // a whole minute: 2027-01-15T08:00:00Z
    private static final long NO_CLAMP = 7 * 86_400L;

    @Test
    void summedDeltasOfAllRevisionsEqualABruteForceCountOverTheFinalFigures() {
        Random random = new Random(20261202L);
        for (int run = 0; run < 3_000; run++) {
            long maxSpan = random.nextInt(4) == 0 ? 1 + random.nextInt(200) : NO_CLAMP;
            runOnce(random, maxSpan, "run " + run);
        }
    }

    private static void runOnce(Random random, long maxSpan, String context) {
        int calls = 1 + random.nextInt(6);
        List<CallFigures> current = new ArrayList<>();
        List<StatsChange> changes = new ArrayList<>();
        for (int c = 0; c < calls; c++) {
            current.add(null);
        }
        // Revisions of different calls interleave; each call's own revisions come in order (before = its last after).
        for (int r = calls + random.nextInt(4 * calls); r > 0; r--) {
            int c = random.nextInt(calls);
            CallFigures next = random.nextInt(5) == 0 && current.get(c) != null ? current.get(c) : revise(random, current.get(c));
            changes.add(new StatsChange(1L, current.get(c), next));
            current.set(c, next);
        }
        for (CallScope scope : CallScope.values()) {
            Map<Long, Integer> summed = new TreeMap<>();
            for (StatsChange change : changes) {
                NavigableMap<Long, SecondCounts> minutes = ConcurrencyDelta.of(change, scope, maxSpan);
                if (change.after().equals(change.before())) {
                    assertThat(minutes).as("%s: an ineffective change moves nothing", context).isEmpty();
                }
                minutes.forEach((minute, counts) -> {
                    assertThat(minute % 60).as("%s: minutes are whole", context).isZero();
                    assertThat(counts.isZero()).as("%s: only minutes that change are listed", context).isFalse();
                    for (int s = 0; s < SecondCounts.SECONDS; s++) {
                        summed.merge(minute + s, counts.at(s), Integer::sum);
                    }
                });
            }
            summed.values().removeIf(n -> n == 0);
            assertThat(summed).as("%s, scope %s, max span %d, changes %s", context, scope, maxSpan, changes)
                    .isEqualTo(bruteForce(current, scope, maxSpan));
        }
    }

    /** A call's next figures: its span moved or stretched, its end extended or lost, its type changed, or never accepted. */
    private static CallFigures revise(Random random, CallFigures previous) {
        CallScope[] types = {CallScope.single, CallScope.group, null};
        CallScope type = previous == null || random.nextInt(3) == 0 ? types[random.nextInt(3)] : previous.type();
        long accept = previous == null || random.nextInt(2) == 0 ? BASE + random.nextInt(400) : previous.acceptTs();
        Long end = previous == null || previous.endTs() == null || random.nextInt(2) == 0
                ? (Long) (accept + random.nextInt(300)) : (Long) (previous.endTs() + random.nextInt(90));
        switch (random.nextInt(10)) {
            case 0 -> accept = 0; // never accepted
            case 1 -> end = null; // still open
            case 2 -> end = accept - random.nextInt(30); // the sender's clocks: end at or before accept
            default -> { }
        }
        return new CallFigures(type, BASE - 10, accept, end, "normal_end", 0, List.of("u"));
    }

    /** R7 read literally: each second of [acceptTs, endTs) of an accepted call, in its type's scope and in all. */
    private static Map<Long, Integer> bruteForce(List<CallFigures> calls, CallScope scope, long maxSpan) {
        Map<Long, Integer> counts = new TreeMap<>();
        for (CallFigures f : calls) {
            if (f == null) {
                continue; // a call with no record yet
            }
            boolean inScope = scope == CallScope.all || scope == f.type();
            if (!inScope || f.acceptTs() <= 0 || f.endTs() == null || f.endTs() <= f.acceptTs()) {
                continue;
            }
            for (long t = f.acceptTs(); t < f.endTs() && t < f.acceptTs() + maxSpan; t++) {
                counts.merge(t, 1, Integer::sum);
            }
        }
        return counts;
    }

    @Test
    void aSpanLongerThanTheLimitCountsOnlyItsFirstSeconds() {
        CallFigures day = figures(CallScope.single, BASE + 30, BASE + 30 + 86_400);

        NavigableMap<Long, SecondCounts> minutes = ConcurrencyDelta.of(new StatsChange(1L, null, day), CallScope.single, 100);

        assertThat(ConcurrencyDelta.isClamped(day, 100)).isTrue();
        assertThat(minutes.keySet()).containsExactly(BASE, BASE + 60, BASE + 120);
        assertThat(minutes.get(BASE).at(29)).isZero();
        assertThat(minutes.get(BASE).at(30)).isEqualTo(1);
        assertThat(minutes.get(BASE + 120).at(9)).isEqualTo(1); // BASE + 129, the 100th second
        assertThat(minutes.get(BASE + 120).at(10)).isZero();
    }

    @Test
    void isClampedOnlyForAnAcceptedSpanLongerThanTheLimit() {
        assertThat(ConcurrencyDelta.isClamped(figures(CallScope.group, BASE, BASE + 100), 100)).isFalse();
        assertThat(ConcurrencyDelta.isClamped(figures(CallScope.group, BASE, BASE + 101), 100)).isTrue();
        assertThat(ConcurrencyDelta.isClamped(figures(null, 0, BASE + 101), 100)).as("never accepted").isFalse();
        assertThat(ConcurrencyDelta.isClamped(figures(null, BASE, null), 100)).as("open").isFalse();
        assertThat(ConcurrencyDelta.isClamped(null, 100)).isFalse();
    }

    @Test
    void aChangeThatLeavesTheSpanAloneMovesNoMinute() {
        CallFigures f = figures(CallScope.single, BASE, BASE + 600);
        CallFigures otherResult = new CallFigures(CallScope.single, BASE, BASE, BASE + 600, "interrupt", 600, List.of("a", "b"));

        for (CallScope scope : CallScope.values()) {
            assertThat(ConcurrencyDelta.of(new StatsChange(1L, f, f), scope, NO_CLAMP)).isEmpty();
            assertThat(ConcurrencyDelta.of(new StatsChange(1L, f, otherResult), scope, NO_CLAMP)).isEmpty();
        }
    }

    /** A late end moves a few seconds: one minute changes, not every minute of the call. */
    @Test
    void anEndMovedLaterTouchesOnlyTheSecondsBetween() {
        CallFigures before = figures(CallScope.group, BASE + 5, BASE + 3600 + 10);
        CallFigures after = figures(CallScope.group, BASE + 5, BASE + 3600 + 15);

        NavigableMap<Long, SecondCounts> minutes = ConcurrencyDelta.of(new StatsChange(1L, before, after), CallScope.group, NO_CLAMP);

        SecondCounts expected = SecondCounts.empty();
        expected.add(10, 15, 1);
        assertThat(minutes).containsExactlyEntriesOf(Map.of(BASE + 3600, expected));
        assertThat(ConcurrencyDelta.of(new StatsChange(1L, before, after), CallScope.single, NO_CLAMP)).isEmpty();
    }

    /** A call whose type changes leaves one scope for the other; all, which counts both, does not move. */
    @Test
    void aTypeChangeMovesTheCallBetweenScopesButNotInAll() {
        CallFigures single = figures(CallScope.single, BASE, BASE + 30);
        CallFigures group = figures(CallScope.group, BASE, BASE + 30);
        CallFigures untyped = figures(null, BASE, BASE + 30);
        Map<CallScope, Integer> sign = new HashMap<>();

        for (CallScope scope : CallScope.values()) {
            NavigableMap<Long, SecondCounts> m = ConcurrencyDelta.of(new StatsChange(1L, single, group), scope, NO_CLAMP);
            sign.put(scope, m.isEmpty() ? 0 : m.get(BASE).at(0));
        }
        assertThat(sign).containsExactlyInAnyOrderEntriesOf(Map.of(CallScope.single, -1, CallScope.group, 1, CallScope.all, 0));
        assertThat(ConcurrencyDelta.of(new StatsChange(1L, single, untyped), CallScope.all, NO_CLAMP)).isEmpty();
        assertThat(ConcurrencyDelta.of(new StatsChange(1L, null, untyped), CallScope.single, NO_CLAMP)).isEmpty();
        assertThat(ConcurrencyDelta.of(new StatsChange(1L, null, untyped), CallScope.group, NO_CLAMP)).isEmpty();
    }

    private static CallFigures figures(CallScope type, long accept, Long end) {
        return new CallFigures(type, BASE, accept, end, "normal_end", 0, List.of());
    }
}
