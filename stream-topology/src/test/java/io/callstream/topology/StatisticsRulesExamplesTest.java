package io.callstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.schemas.CallRecord;
import io.callstream.schemas.CallResult;
import io.callstream.schemas.CallScope;
import io.callstream.schemas.ClosedBy;
import io.callstream.schemas.ConcurrencyWindow;
import io.callstream.schemas.DailyStats;
import io.callstream.schemas.WindowGranularity;
import io.callstream.topology.fold.CallFact;
import io.callstream.topology.record.Facts;
import io.callstream.topology.stats.DistinctUsers;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * The worked examples of R7 and R8 in docs/record-rules.md, through the whole topology, exactly as written there; and
 * how a late callback revises the windows it changes (R7) and deletes those it leaves without a call.
 */
class StatisticsRulesExamplesTest {

    private static final long APP = FoldDriver.APP;
    /** 12:00:00 UTC on the day the driver's wall clock starts: well within the statistics' retention (R9). */
    private static final long NOON = Instant.parse("2026-11-23T12:00:00Z").getEpochSecond();
    private static final long DAY_START = Instant.parse("2026-11-23T00:00:00Z").getEpochSecond();

    /** A 1v1 call of {@code caller} and {@code callee}, in progress [accept, end) and ended by both. */
    private static List<CallFact> oneToOne(String caller, String callee, long start, long accept, long end) {
        return List.of(Facts.of("caller_start_call", caller, start),
                Facts.of("callee_accept_call", callee, accept),
                Facts.of("caller_call_accepted", caller, accept),
                Facts.of("caller_call_end", caller, end),
                Facts.of("callee_call_end", callee, end));
    }

    /** R6: records settle for 3 s; then the statistics publish what changed at their next second. */
    private static void settleAndPublish(FoldDriver fold) {
        fold.advance(TopologyConfig.DEFAULT_SETTLE_DELAY.plusSeconds(1));
        fold.advance(StatsConfig.DEFAULT_PUBLISH_EVERY.plusSeconds(1));
    }

    private static ConcurrencyWindow window(CallScope scope, WindowGranularity g, long start, long end, int max, long peak,
                                            int revision) {
        return new ConcurrencyWindow(APP, scope, g, "UTC", start, end, max, peak, revision);
    }

    private static String key(ConcurrencyWindow w) {
        return APP + "/" + w.getScope() + "/" + w.getGranularity() + "/" + w.getWindowStartTs();
    }

    private static Map<String, ConcurrencyWindow> byKey(ConcurrencyWindow... windows) {
        Map<String, ConcurrencyWindow> map = new TreeMap<>();
        for (ConcurrencyWindow w : windows) {
            map.put(key(w), w);
        }
        return map;
    }

    /**
     * R7's example: A (1v1) 12:00:10-12:01:10, B (1v1) 12:00:50-12:02:00, C (group) 12:01:05-12:01:30, D (1v1)
     * cancelled. B's end is exclusive, so minute 12:02 has no window; all is the true combined figure (3), not
     * max(single, group).
     */
    @Test
    void theConcurrencyExample() {
        try (FoldDriver fold = new FoldDriver()) {
            fold.send("A", oneToOne("alice", "bob", NOON, NOON + 10, NOON + 70));
            fold.send("B", oneToOne("carol", "dave", NOON + 40, NOON + 50, NOON + 120));
            fold.send("C", List.of(Facts.group("caller_start_call", "erin", NOON + 60),
                    Facts.group("callee_accept_call", "frank", NOON + 65),
                    Facts.group("callee_call_end", "frank", NOON + 90),
                    Facts.group("caller_call_end", "erin", NOON + 90)));
            fold.send("D", List.of(Facts.of("caller_start_call", "gina", NOON + 60),
                    Facts.of("caller_cancel_call", "gina", NOON + 60)));
            settleAndPublish(fold);

            Map<String, CallRecord> records = StatisticsOracleTest.latest(fold.records.readRecordsToList());
            assertThat(records).hasSize(4);
            assertThat(records.get(FoldDriver.key("C")).getAcceptTs()).isEqualTo(NOON + 65);
            assertThat(records.get(FoldDriver.key("D")).getCallResult()).isEqualTo(CallResult.cancel);
            long m0 = NOON;
            long m1 = NOON + 60;
            long hourEnd = NOON + 3600;
            long dayEnd = DAY_START + 86_400;
            assertThat(StatisticsOracleTest.latest(fold.concurrency.readRecordsToList())).isEqualTo(byKey(
                    window(CallScope.single, WindowGranularity.minute, m0, m0 + 60, 2, NOON + 50, 1),
                    window(CallScope.all, WindowGranularity.minute, m0, m0 + 60, 2, NOON + 50, 1),
                    window(CallScope.single, WindowGranularity.minute, m1, m1 + 60, 2, NOON + 60, 1),
                    window(CallScope.group, WindowGranularity.minute, m1, m1 + 60, 1, NOON + 65, 1),
                    window(CallScope.all, WindowGranularity.minute, m1, m1 + 60, 3, NOON + 65, 1),
                    window(CallScope.single, WindowGranularity.hour, NOON, hourEnd, 2, NOON + 50, 1),
                    window(CallScope.group, WindowGranularity.hour, NOON, hourEnd, 1, NOON + 65, 1),
                    window(CallScope.all, WindowGranularity.hour, NOON, hourEnd, 3, NOON + 65, 1),
                    window(CallScope.single, WindowGranularity.day, DAY_START, dayEnd, 2, NOON + 50, 1),
                    window(CallScope.group, WindowGranularity.day, DAY_START, dayEnd, 1, NOON + 65, 1),
                    window(CallScope.all, WindowGranularity.day, DAY_START, dayEnd, 3, NOON + 65, 1)));

            Map<String, DailyStats> days = StatisticsOracleTest.latest(fold.daily.readRecordsToList());
            assertThat(days.get(APP + "/single/2026-11-23").getMaxConcurrent()).isEqualTo(2);
            assertThat(days.get(APP + "/group/2026-11-23").getMaxConcurrent()).isEqualTo(1);
            assertThat(days.get(APP + "/all/2026-11-23").getMaxConcurrent()).isEqualTo(3);
            assertThat(days.get(APP + "/single/2026-11-23").getCalls()).as("D counts as a call of the day").isEqualTo(3);
            assertThat(days.get(APP + "/single/2026-11-23").getConnectedCalls()).isEqualTo(2);
        }
    }

    /**
     * R8's example: the 1v1 call of R5, callbacks as the table lists them (#8 the sender's retry of #7). Its day is in
     * 2023, years before the driver's clock: the statistics are kept for ten years here so that the day is not past
     * their retention.
     */
    @Test
    void theDailyExample() {
        long t = 1_700_000_000L;
        CallFact status = Facts.withRole(Facts.withTimes(Facts.of("normal_end", "alice", t + 136), t, t + 12, t + 136), "caller");
        List<CallFact> callbacks = List.of(Facts.of("caller_start_call", "alice", t),
                Facts.of("callee_receive_call", "bob", t + 2),
                Facts.of("callee_accept_call", "bob", t + 12),
                Facts.of("caller_call_accepted", "alice", t + 12),
                Facts.of("caller_call_end", "alice", t + 136),
                Facts.of("callee_call_end", "bob", t + 136),
                status,
                status);
        StatsConfig d = StatsConfig.defaults();
        StatsConfig tenYears = new StatsConfig(d.enabled(), d.zone(), Duration.ofDays(3_650), d.publishEvery(), d.maxSpan(),
                d.concurrencyTopic(), d.dailyTopic(), d.listener());

        try (FoldDriver fold = new FoldDriver(TopologyConfig.defaults().withStats(tenYears))) {
            fold.send("c-1v1-example", callbacks);
            settleAndPublish(fold);

            Map<String, DailyStats> days = StatisticsOracleTest.latest(fold.daily.readRecordsToList());
            assertThat(days.keySet()).containsExactlyInAnyOrder(APP + "/single/2023-11-14", APP + "/all/2023-11-14");
            for (CallScope scope : List.of(CallScope.single, CallScope.all)) {
                DailyStats day = days.get(APP + "/" + scope + "/2023-11-14");
                ByteBuffer sketch = day.getParticipantsSketch();
                assertThat(sketch).isNotNull();
                byte[] bytes = new byte[sketch.remaining()];
                sketch.duplicate().get(bytes);
                assertThat(DistinctUsers.countOf(List.of(bytes))).isEqualTo(new DistinctUsers.Count(2, true));
                assertThat(DailyStats.newBuilder(day).setParticipantsSketch(null).build()).isEqualTo(DailyStats.newBuilder()
                        .setSdkAppId(APP).setScope(scope).setDay("2023-11-14").setZone("UTC").setCalls(1).setConnectedCalls(1)
                        .setCallsByResult(Map.of("normal_end", 1L)).setParticipants(2).setParticipantsExact(true)
                        .setParticipantsSketch(null).setMaxConcurrent(1).setTotalTalkSec(124).setAvgTalkSec(124.0)
                        .setRevision(1).build());
            }
        }
    }

    /**
     * R7 revisions: X is closed by the idle timeout with no end (never in progress: its end is its last callback, the
     * accept), then its end arrives. The minute it now shares with Y, the hour and the day change and are published
     * again with revision 2; the minute X alone fills is new (revision 1).
     */
    @Test
    void aLateEndRepublishesTheWindowsItChangesWithTheNextRevision() {
        try (FoldDriver fold = new FoldDriver()) {
            fold.send("X", List.of(Facts.of("caller_start_call", "alice", NOON),
                    Facts.of("callee_accept_call", "bob", NOON + 10),
                    Facts.of("caller_call_accepted", "alice", NOON + 10)));
            fold.send("Y", oneToOne("carol", "dave", NOON + 55, NOON + 65, NOON + 120));
            settleAndPublish(fold);
            assertThat(StatisticsOracleTest.latest(fold.concurrency.readRecordsToList())).isEqualTo(byKey(
                    window(CallScope.single, WindowGranularity.minute, NOON + 60, NOON + 120, 1, NOON + 65, 1),
                    window(CallScope.all, WindowGranularity.minute, NOON + 60, NOON + 120, 1, NOON + 65, 1),
                    window(CallScope.single, WindowGranularity.hour, NOON, NOON + 3600, 1, NOON + 65, 1),
                    window(CallScope.all, WindowGranularity.hour, NOON, NOON + 3600, 1, NOON + 65, 1),
                    window(CallScope.single, WindowGranularity.day, DAY_START, DAY_START + 86_400, 1, NOON + 65, 1),
                    window(CallScope.all, WindowGranularity.day, DAY_START, DAY_START + 86_400, 1, NOON + 65, 1)));

            fold.advance(TopologyConfig.DEFAULT_IDLE_TIMEOUT.plusMinutes(1));
            fold.advance(StatsConfig.DEFAULT_PUBLISH_EVERY.plusSeconds(1));
            CallRecord timedOut = StatisticsOracleTest.latest(fold.records.readRecordsToList()).get(FoldDriver.key("X"));
            assertThat(timedOut.getClosedBy()).isEqualTo(ClosedBy.timeout);
            assertThat(timedOut.getEndTs()).isEqualTo(NOON + 10);
            assertThat(fold.concurrency.readRecordsToList()).as("a span of no second changes no window").isEmpty();

            fold.send("X", List.of(Facts.of("caller_call_end", "alice", NOON + 70), Facts.of("callee_call_end", "bob", NOON + 70)));
            settleAndPublish(fold);

            CallRecord revised = StatisticsOracleTest.latest(fold.records.readRecordsToList()).get(FoldDriver.key("X"));
            assertThat(revised.getRevision()).isEqualTo(2);
            assertThat(revised.getEndTs()).isEqualTo(NOON + 70);
            assertThat(StatisticsOracleTest.latest(fold.concurrency.readRecordsToList())).isEqualTo(byKey(
                    window(CallScope.single, WindowGranularity.minute, NOON, NOON + 60, 1, NOON + 10, 1),
                    window(CallScope.all, WindowGranularity.minute, NOON, NOON + 60, 1, NOON + 10, 1),
                    window(CallScope.single, WindowGranularity.minute, NOON + 60, NOON + 120, 2, NOON + 65, 2),
                    window(CallScope.all, WindowGranularity.minute, NOON + 60, NOON + 120, 2, NOON + 65, 2),
                    window(CallScope.single, WindowGranularity.hour, NOON, NOON + 3600, 2, NOON + 65, 2),
                    window(CallScope.all, WindowGranularity.hour, NOON, NOON + 3600, 2, NOON + 65, 2),
                    window(CallScope.single, WindowGranularity.day, DAY_START, DAY_START + 86_400, 2, NOON + 65, 2),
                    window(CallScope.all, WindowGranularity.day, DAY_START, DAY_START + 86_400, 2, NOON + 65, 2)));
            DailyStats day = StatisticsOracleTest.latest(fold.daily.readRecordsToList()).get(APP + "/single/2026-11-23");
            assertThat(day.getMaxConcurrent()).isEqualTo(2);
            assertThat(day.getCallsByResult()).as("unknown revised to its result").isEqualTo(Map.of("normal_end", 2L));
            assertThat(day.getTotalTalkSec()).isEqualTo(60 + 55);
        }
    }

    /**
     * R7 counts calls, not people: a group call whose member leaves and rejoins is one call in progress from its
     * acceptance to its end, whoever is in it meanwhile; R8 counts its two participants once each.
     */
    @Test
    void aGroupCallWhoseMemberLeavesAndRejoinsIsOneCallInProgress() {
        try (FoldDriver fold = new FoldDriver()) {
            fold.send("G", List.of(Facts.group("caller_start_call", "erin", NOON),
                    Facts.group("callee_accept_call", "frank", NOON + 5),
                    Facts.group("callee_call_end", "frank", NOON + 30),
                    Facts.group("join_in_group_call", "frank", NOON + 50),
                    Facts.group("callee_call_end", "frank", NOON + 100),
                    Facts.group("caller_call_end", "erin", NOON + 110)));
            settleAndPublish(fold);

            Map<String, ConcurrencyWindow> windows = StatisticsOracleTest.latest(fold.concurrency.readRecordsToList());
            assertThat(windows.get(APP + "/group/minute/" + NOON)).isEqualTo(
                    window(CallScope.group, WindowGranularity.minute, NOON, NOON + 60, 1, NOON + 5, 1));
            assertThat(windows.get(APP + "/group/minute/" + (NOON + 60))).isEqualTo(
                    window(CallScope.group, WindowGranularity.minute, NOON + 60, NOON + 120, 1, NOON + 60, 1));
            assertThat(windows.values()).allMatch(w -> w.getMaxConcurrent() == 1);
            DailyStats day = StatisticsOracleTest.latest(fold.daily.readRecordsToList()).get(APP + "/group/2026-11-23");
            assertThat(day.getCalls()).isEqualTo(1);
            assertThat(day.getParticipants()).isEqualTo(2);
            assertThat(day.getTotalTalkSec()).isEqualTo(105);
        }
    }

    /**
     * R7 and R8 at midnight: a call in progress from 23:59:30 to 00:01:00 is in the windows of both days; it is a call
     * of the day it started on only.
     */
    @Test
    void aCallAcrossMidnightIsInBothDaysWindowsAndTheFirstDaysCalls() {
        long midnight = DAY_START + 86_400;
        try (FoldDriver fold = new FoldDriver()) {
            fold.send("M", oneToOne("alice", "bob", midnight - 60, midnight - 30, midnight + 60));
            settleAndPublish(fold);

            Map<String, ConcurrencyWindow> windows = StatisticsOracleTest.latest(fold.concurrency.readRecordsToList());
            assertThat(windows.get(APP + "/all/day/" + DAY_START)).isEqualTo(
                    window(CallScope.all, WindowGranularity.day, DAY_START, midnight, 1, midnight - 30, 1));
            assertThat(windows.get(APP + "/all/day/" + midnight)).isEqualTo(
                    window(CallScope.all, WindowGranularity.day, midnight, midnight + 86_400, 1, midnight, 1));
            assertThat(windows.get(APP + "/all/minute/" + midnight)).isEqualTo(
                    window(CallScope.all, WindowGranularity.minute, midnight, midnight + 60, 1, midnight, 1));
            assertThat(windows).doesNotContainKey(APP + "/all/minute/" + (midnight + 60)); // the end is exclusive
            Map<String, DailyStats> days = StatisticsOracleTest.latest(fold.daily.readRecordsToList());
            assertThat(days.keySet()).containsExactlyInAnyOrder(APP + "/single/2026-11-23", APP + "/all/2026-11-23");
            assertThat(days.get(APP + "/all/2026-11-23").getTotalTalkSec()).isEqualTo(90);
        }
    }

    /** A day's figures, revision and sketch aside. */
    private static DailyStats figures(DailyStats day) {
        return DailyStats.newBuilder(day).setRevision(0).setParticipantsSketch(null).build();
    }

    /** Z, a 1v1 call in progress 12:00:10 to 12:00:40, recorded and published. */
    private static Map<String, DailyStats> recordZ(FoldDriver fold) {
        fold.send("Z", oneToOne("alice", "bob", NOON, NOON + 10, NOON + 40));
        settleAndPublish(fold);
        assertThat(StatisticsOracleTest.latest(fold.concurrency.readRecordsToList()).keySet()).containsExactlyInAnyOrder(
                APP + "/single/minute/" + NOON, APP + "/all/minute/" + NOON, APP + "/single/hour/" + NOON,
                APP + "/all/hour/" + NOON, APP + "/single/day/" + DAY_START, APP + "/all/day/" + DAY_START);
        Map<String, DailyStats> days = StatisticsOracleTest.latest(fold.daily.readRecordsToList());
        assertThat(days.keySet()).containsExactlyInAnyOrder(APP + "/single/2026-11-23", APP + "/all/2026-11-23");
        return days;
    }

    /** Bob's client, its clock a second behind, reports late that Z was a group call (R2: the earliest CallType wins). */
    private static void retypeZ(FoldDriver fold) {
        fold.send("Z", Facts.group("callee_receive_call", "bob", NOON - 1));
        settleAndPublish(fold);
        assertThat(StatisticsOracleTest.latest(fold.records.readRecordsToList()).get(FoldDriver.key("Z")).getCallType())
                .isEqualTo("group");
    }

    /**
     * A call's span only grows over its revisions (acceptTs is a minimum, endTs a maximum), so a window loses its last
     * call when the call changes type. Z's single windows and day are deleted with tombstones and its group ones
     * appear; all counted Z either way and does not change.
     */
    @Test
    void aWindowLeftWithNoCallIsDeletedWithATombstone() {
        try (FoldDriver fold = new FoldDriver()) {
            Map<String, DailyStats> before = recordZ(fold);

            retypeZ(fold);

            Map<String, ConcurrencyWindow> updates = new TreeMap<>();
            fold.concurrency.readRecordsToList().forEach(r -> updates.put(r.getKey(), r.getValue()));
            Map<String, ConcurrencyWindow> expected = new TreeMap<>();
            expected.put(APP + "/single/minute/" + NOON, null);
            expected.put(APP + "/single/hour/" + NOON, null);
            expected.put(APP + "/single/day/" + DAY_START, null);
            expected.putAll(byKey(window(CallScope.group, WindowGranularity.minute, NOON, NOON + 60, 1, NOON + 10, 1),
                    window(CallScope.group, WindowGranularity.hour, NOON, NOON + 3600, 1, NOON + 10, 1),
                    window(CallScope.group, WindowGranularity.day, DAY_START, DAY_START + 86_400, 1, NOON + 10, 1)));
            assertThat(updates).isEqualTo(expected);

            Map<String, DailyStats> dayUpdates = new TreeMap<>();
            fold.daily.readRecordsToList().forEach(r -> dayUpdates.put(r.getKey(), r.getValue()));
            assertThat(dayUpdates).containsEntry(APP + "/single/2026-11-23", null);
            assertThat(dayUpdates.get(APP + "/group/2026-11-23").getCalls()).isEqualTo(1);
            String all = APP + "/all/2026-11-23";
            assertThat(figures(dayUpdates.getOrDefault(all, before.get(all)))).isEqualTo(figures(before.get(all)));
        }
    }

    /**
     * R8: a day is published again only when its figures change. Retyping Z changes none of the figures of its all day
     * (its old figures subtracted, its new ones added), so that day is not published again.
     */
    @Test
    void aRevisionThatLeavesADayUnchangedDoesNotPublishItAgain() {
        try (FoldDriver fold = new FoldDriver()) {
            recordZ(fold);

            retypeZ(fold);

            assertThat(fold.daily.readRecordsToList()).extracting(TestRecord::getKey).doesNotContain(APP + "/all/2026-11-23");
        }
    }
}
