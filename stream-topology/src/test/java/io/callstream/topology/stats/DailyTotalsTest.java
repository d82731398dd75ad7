package io.callstream.topology.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.schemas.CallScope;
import io.callstream.schemas.DailyStats;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** R8's additive figures of a day: a revision subtracts the old figures and adds the new, so both must be exact. */
class DailyTotalsTest {

    private static final LocalDate DAY = LocalDate.parse("2026-11-23");
    private static final long NOON = Instant.parse("2026-11-23T12:00:00Z").getEpochSecond();
    private static final String[] RESULTS = {"normal_end", "cancel", "reject", "unknown", "failed", null};

    private static DailyStats empty() {
        return DailyTotals.empty(1L, CallScope.all, DAY, StatsZone.UTC);
    }

    @Test
    void anEmptyDayCountsNothingAndIsUnpublished() {
        DailyStats day = empty();

        assertThat(day.getCalls()).isZero();
        assertThat(day.getCallsByResult()).isEmpty();
        assertThat(day.getParticipantsExact()).isTrue();
        assertThat(day.getRevision()).isZero();
        assertThat(day.getDay()).isEqualTo("2026-11-23");
        assertThat(day.getZone()).isEqualTo("UTC");
    }

    /** The sums are the direct counts, and subtracting every call again, in any order, restores the empty day. */
    @Test
    void addingCallsCountsThemAndSubtractingThemRestoresTheEmptyDay() {
        Random random = new Random(88);
        for (int run = 0; run < 2_000; run++) {
            List<CallFigures> calls = new ArrayList<>();
            for (int n = random.nextInt(12); n > 0; n--) {
                long accept = random.nextInt(3) == 0 ? 0 : NOON + random.nextInt(60);
                calls.add(new CallFigures(random.nextBoolean() ? CallScope.single : null, NOON, accept,
                        accept + random.nextInt(100), RESULTS[random.nextInt(RESULTS.length)],
                        accept == 0 ? 0 : random.nextInt(1_000), List.of()));
            }
            DailyStats day = empty();
            calls.forEach(c -> DailyTotals.add(day, c, +1));

            Map<String, Long> byResult = new TreeMap<>();
            calls.forEach(c -> byResult.merge(c.result() == null ? DailyTotals.NO_RESULT : c.result(), 1L, Long::sum));
            assertThat(day.getCalls()).isEqualTo(calls.size());
            assertThat(day.getConnectedCalls()).isEqualTo(calls.stream().filter(c -> c.acceptTs() > 0).count());
            assertThat(day.getCallsByResult()).isEqualTo(byResult);
            assertThat(day.getTotalTalkSec()).isEqualTo(calls.stream().mapToLong(CallFigures::durationSec).sum());

            Collections.shuffle(calls, random);
            calls.forEach(c -> DailyTotals.add(day, c, -1));
            assertThat(day).as("run %d: %s", run, calls).isEqualTo(empty());
        }
    }

    /** A result whose count returns to 0 leaves the map: the published day lists no result with no call. */
    @Test
    void aResultWithNoCallLeft() {
        DailyStats day = empty();
        CallFigures cancelled = new CallFigures(CallScope.single, NOON, 0, NOON + 5, "cancel", 0, List.of());
        CallFigures ended = new CallFigures(CallScope.single, NOON, NOON + 2, NOON + 60, "normal_end", 58, List.of("a"));

        DailyTotals.add(day, cancelled, +1);
        DailyTotals.add(day, ended, +1);
        DailyTotals.add(day, cancelled, -1);

        assertThat(day.getCallsByResult()).containsExactly(Map.entry("normal_end", 1L));
        assertThat(day.getCalls()).isEqualTo(1);
        assertThat(day.getConnectedCalls()).isEqualTo(1);
        assertThat(day.getTotalTalkSec()).isEqualTo(58);
    }

    @Test
    void aRecordWithNoResultIsCountedAsOpen() {
        DailyStats day = empty();

        DailyTotals.add(day, new CallFigures(null, NOON, NOON, null, null, 0, List.of()), +1);

        assertThat(day.getCallsByResult()).containsExactly(Map.entry("open", 1L));
    }

    @Test
    void averageTalkIsPerConnectedCall() {
        DailyStats day = empty();
        assertThat(DailyTotals.averageTalk(day)).isZero();

        DailyTotals.add(day, new CallFigures(null, NOON, 0, NOON, "cancel", 0, List.of()), +1);
        assertThat(DailyTotals.averageTalk(day)).as("no call connected").isZero();
        DailyTotals.add(day, new CallFigures(null, NOON, NOON, NOON + 100, "normal_end", 100, List.of()), +1);
        DailyTotals.add(day, new CallFigures(null, NOON, NOON, NOON + 25, "normal_end", 25, List.of()), +1);
        assertThat(DailyTotals.averageTalk(day)).isEqualTo(62.5);
    }

    /** Shanghai's midnight is 16:00 UTC: calls started either side of it count in different days there, not in UTC. */
    @Test
    void sameDayIsTakenInTheZone() {
        long lastSecond = Instant.parse("2026-10-31T15:59:59Z").getEpochSecond();
        CallFigures before = new CallFigures(CallScope.single, lastSecond, 0, lastSecond + 3, "cancel", 0, List.of());
        CallFigures after = new CallFigures(CallScope.single, lastSecond + 1, 0, lastSecond + 3, "cancel", 0, List.of());
        StatsZone shanghai = StatsZone.of("Asia/Shanghai");

        assertThat(DailyTotals.sameDay(before, after, shanghai)).isFalse();
        assertThat(DailyTotals.sameDay(before, after, StatsZone.UTC)).isTrue();
        assertThat(DailyTotals.dayOf(before, shanghai)).isEqualTo(LocalDate.parse("2026-10-31"));
        assertThat(DailyTotals.dayOf(after, shanghai)).isEqualTo(LocalDate.parse("2026-11-01"));
    }

    /** Whatever moves a day's additive figures makes two figures differ; spans and participants do not. */
    @Test
    void sameDayComparesWhatTheDayCounts() {
        CallFigures f = new CallFigures(CallScope.single, NOON, NOON + 5, NOON + 60, "normal_end", 55, List.of("a"));

        assertThat(DailyTotals.sameDay(f, new CallFigures(CallScope.single, NOON + 30, NOON + 7, NOON + 90, "normal_end", 55,
                List.of("b")), StatsZone.UTC)).isTrue();
        assertThat(DailyTotals.sameDay(f, new CallFigures(CallScope.group, NOON, NOON + 5, NOON + 60, "normal_end", 55,
                List.of("a")), StatsZone.UTC)).as("type").isFalse();
        assertThat(DailyTotals.sameDay(f, new CallFigures(CallScope.single, NOON, 0, NOON + 60, "normal_end", 55,
                List.of("a")), StatsZone.UTC)).as("connected").isFalse();
        assertThat(DailyTotals.sameDay(f, new CallFigures(CallScope.single, NOON, NOON + 5, NOON + 60, "normal_end", 56,
                List.of("a")), StatsZone.UTC)).as("talk").isFalse();
        assertThat(DailyTotals.sameDay(f, new CallFigures(CallScope.single, NOON, NOON + 5, NOON + 60, "interrupt", 55,
                List.of("a")), StatsZone.UTC)).as("result").isFalse();
        assertThat(DailyTotals.sameDay(f, new CallFigures(CallScope.single, null, NOON + 5, NOON + 60, "normal_end", 55,
                List.of("a")), StatsZone.UTC)).as("start unknown: no day").isFalse();
        assertThat(DailyTotals.sameDay(null, f, StatsZone.UTC)).as("a first record").isFalse();
        assertThat(DailyTotals.sameDay(null, null, StatsZone.UTC)).isTrue();
    }
}
