package io.callstream.emulator.truth;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.emulator.call.CallGenerator;
import io.callstream.emulator.call.CallStory;
import io.callstream.emulator.call.Callback;
import io.callstream.emulator.call.GeneratorSettings;
import io.callstream.emulator.call.Presence;
import io.callstream.emulator.call.User;
import io.callstream.schemas.CallRecord;
import io.callstream.schemas.CallResult;
import io.callstream.schemas.CallScope;
import io.callstream.schemas.CallbackCommand;
import io.callstream.schemas.ClosedBy;
import io.callstream.schemas.ConcurrencyWindow;
import io.callstream.schemas.DailyStats;
import io.callstream.schemas.Participant;
import io.callstream.schemas.WindowGranularity;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ground truth against the stories' intent: with every callback delivered, each record must say what the
 * generator meant to happen, the figures recomputed here from the story's presence, not from the callbacks.
 */
class GroundTruthTest {

    private static final long APP = GeneratorSettings.DEFAULT_SDK_APP_ID;
    private static final Set<CallbackCommand> ALL = EnumSet.copyOf(CallbackCommand.documented());
    private static final List<CallStory> CALLS = new CallGenerator(GeneratorSettings.defaults().withSeed(11)).generate(1500);

    @Test
    void withEveryCallbackDeliveredEachRecordIsWhatTheStoryMeant() {
        GroundTruth truth = GroundTruth.expected(APP, CALLS, ALL);
        assertThat(truth.records()).hasSize(CALLS.size());
        assertThat(truth.unrecordedCalls()).isZero();
        for (int i = 0; i < CALLS.size(); i++) {
            CallStory s = CALLS.get(i);
            CallRecord r = truth.records().get(i);
            assertThat(r.getCallId()).isEqualTo(s.callId());
            assertThat(r.getCallResult()).as("result of %s", s.callId()).isEqualTo(s.intendedResult());
            assertThat(r.getClosedBy()).isEqualTo(ClosedBy.complete);
            assertThat(r.getRevision()).isEqualTo(1);
            assertThat(r.getCaller()).isEqualTo(s.caller().userId());
            assertThat(r.getCallType()).isEqualTo(s.callType());
            assertThat(r.getMediaType()).isEqualTo(s.mediaType());
            assertThat(r.getRoomId()).isEqualTo(s.roomId());
            assertThat(r.getStartCallTs()).isEqualTo(s.startTs());
            assertThat(r.getAcceptTs()).isEqualTo(s.acceptTs());
            assertThat(r.getEndTs()).isEqualTo(s.endTs());
            assertThat(r.getDurationSec()).isEqualTo(s.acceptTs() > 0 ? s.endTs() - s.acceptTs() : 0);
            assertThat(r.getEventCount()).isEqualTo(s.callbacks().size());
            assertThat(r.getTotalUserNumber()).isEqualTo(1 + s.invited().size());
            boolean reachedCallee = s.intendedResult() != CallResult.call_busy && s.intendedResult() != CallResult.failed;
            assertThat(r.getCallees()).containsExactlyInAnyOrderElementsOf(
                    reachedCallee ? s.invited().stream().map(User::userId).toList() : List.of());
            assertParticipants(s, r);
        }
    }

    private static void assertParticipants(CallStory s, CallRecord r) {
        Map<String, List<Presence>> byUser = s.presence().stream().collect(Collectors.groupingBy(Presence::userId));
        assertThat(r.getParticipants()).extracting(Participant::getUserId).containsExactlyInAnyOrderElementsOf(byUser.keySet());
        for (Participant p : r.getParticipants()) {
            List<Presence> own = byUser.get(p.getUserId());
            assertThat(p.getJoinTs()).isEqualTo(own.stream().mapToLong(Presence::joinTs).min().orElseThrow());
            assertThat(p.getLeaveTs()).isEqualTo(own.stream().mapToLong(Presence::leaveTs).max().orElseThrow());
            assertThat(p.getDurationSec()).as("%s in %s", p.getUserId(), s.callId())
                    .isEqualTo(secondsInCompany(s.presence(), p.getUserId()));
            String platform = s.callbacks().stream().filter(c -> c.userId().equals(p.getUserId()))
                    .map(c -> c.platform().name()).findFirst().orElseThrow();
            assertThat(p.getPlatform()).isEqualTo(platform);
            assertThat(p.getDurationSec()).isLessThanOrEqualTo(r.getDurationSec());
        }
        if (s.isGroup()) {
            assertThat(r.getPeakParticipants()).isEqualTo(peak(s.presence()));
            if (s.acceptTs() > 0) {
                assertThat(r.getPeakParticipants()).isBetween(2, 1 + s.invited().size());
            }
        } else {
            assertThat(r.getPeakParticipants()).isNull();
        }
    }

    @Test
    void onlyTheSubscribedActionsCount() {
        // The vendor's example configuration: only call_busy and normal_end status callbacks.
        Set<CallbackCommand> actions = EnumSet.of(CallbackCommand.CALL_BUSY, CallbackCommand.NORMAL_END);
        GroundTruth truth = GroundTruth.expected(APP, CALLS, actions);
        long expectedRecords = CALLS.stream().filter(s -> s.intendedResult() == CallResult.call_busy
                || s.intendedResult() == CallResult.normal_end).count();
        assertThat(truth.records()).hasSize((int) expectedRecords);
        assertThat(truth.unrecordedCalls()).isEqualTo(CALLS.size() - (int) expectedRecords);
        for (CallRecord r : truth.records()) {
            CallStory s = CALLS.stream().filter(c -> c.callId().equals(r.getCallId())).findFirst().orElseThrow();
            assertThat(r.getEventCount()).isEqualTo(1);
            assertThat(r.getCallResult()).isEqualTo(s.intendedResult());
            // normal_end carries StartCallTs/AcceptTs/EndTs: the record still has the call's times; a busy call's
            // record starts at the status callback's EventTime, the only time it has (R3).
            assertThat(r.getStartCallTs()).isEqualTo(s.intendedResult() == CallResult.normal_end ? s.startTs() : s.endTs());
            assertThat(r.getAcceptTs()).isEqualTo(s.acceptTs());
            assertThat(r.getEndTs()).isEqualTo(s.endTs());
            assertThat(r.getCallType()).isNull(); // status callbacks carry no CallType
        }
    }

    @Test
    void repeatsCountOnceAndOrderDoesNotMatter() {
        CallStory s = CALLS.stream().filter(CallStory::isGroup).filter(c -> c.acceptTs() > 0).findFirst().orElseThrow();
        List<Callback> shuffled = new ArrayList<>(s.callbacks());
        shuffled.addAll(s.callbacks().subList(0, 3));
        java.util.Collections.shuffle(shuffled, new java.util.Random(3));
        assertThat(ExpectedRecord.of(APP, s.callId(), shuffled)).isEqualTo(ExpectedRecord.of(APP, s.callId(), s.callbacks()));
    }

    @Test
    void aCallLeftOpenIsClosedByTheTimeoutWithUnknownResult() {
        List<CallStory> calls = new CallGenerator(GeneratorSettings.defaults().withGroupShare(0).withOpenShare(1)).generate(5);
        for (CallStory s : calls) {
            CallRecord r = ExpectedRecord.of(APP, s.callId(), s.callbacks());
            assertThat(r.getClosedBy()).isEqualTo(ClosedBy.timeout);
            assertThat(r.getCallResult()).isEqualTo(CallResult.unknown);
            assertThat(r.getEndTs()).isEqualTo(s.acceptTs()); // the last EventTime seen
            assertThat(r.getParticipants()).allMatch(p -> p.getLeaveTs() == null);
        }
    }

    @Test
    void concurrencyIsTheMostCallsInProgressInAnySecond() {
        List<CallRecord> records = List.of(
                record("a", "single", 100, 160),   // [100, 160)
                record("b", "single", 150, 200),   // overlaps a in [150, 160)
                record("c", "group", 155, 158),    // all three in [155, 158)
                record("d", "single", 0, 0));      // never accepted: never counts
        List<ConcurrencyWindow> windows = ConcurrencyOracle.windows(APP, records, ZoneOffset.UTC);
        assertThat(max(windows, CallScope.all, WindowGranularity.minute, 120)).isEqualTo(3);
        assertThat(peakTs(windows, CallScope.all, WindowGranularity.minute, 120)).isEqualTo(155);
        assertThat(max(windows, CallScope.single, WindowGranularity.minute, 120)).isEqualTo(2);
        assertThat(max(windows, CallScope.group, WindowGranularity.minute, 120)).isEqualTo(1);
        assertThat(max(windows, CallScope.all, WindowGranularity.minute, 60)).isEqualTo(1); // only a, from 100
        assertThat(max(windows, CallScope.all, WindowGranularity.minute, 180)).isEqualTo(1); // only b until 200
        assertThat(windows.stream().filter(w -> w.getWindowStartTs() == 240)).isEmpty();    // nothing after 200
        assertThat(max(windows, CallScope.all, WindowGranularity.hour, 0)).isEqualTo(3);
        assertThat(max(windows, CallScope.all, WindowGranularity.day, 0)).isEqualTo(3);

        List<DailyStats> days = DailyOracle.days(APP, records, windows, ZoneOffset.UTC);
        DailyStats all = days.stream().filter(d -> d.getScope() == CallScope.all).findFirst().orElseThrow();
        assertThat(all.getDay()).isEqualTo("1970-01-01");
        assertThat(all.getCalls()).isEqualTo(4);
        assertThat(all.getConnectedCalls()).isEqualTo(3);
        assertThat(all.getMaxConcurrent()).isEqualTo(3);
        assertThat(all.getTotalTalkSec()).isEqualTo(60 + 50 + 3);
        assertThat(all.getAvgTalkSec()).isEqualTo(113.0 / 3);
        assertThat(all.getParticipants()).isEqualTo(6); // two per connected call, all distinct
        assertThat(all.getCallsByResult()).containsEntry("normal_end", 3L).containsEntry("cancel", 1L);
    }

    @Test
    void dailyFiguresAddUpOverTheGeneratedCalls() {
        GroundTruth truth = GroundTruth.expected(APP, CALLS, ALL);
        DailyStats all = truth.daily().stream().filter(d -> d.getScope() == CallScope.all).findFirst().orElseThrow();
        DailyStats single = truth.daily().stream().filter(d -> d.getScope() == CallScope.single).findFirst().orElseThrow();
        DailyStats group = truth.daily().stream().filter(d -> d.getScope() == CallScope.group).findFirst().orElseThrow();
        assertThat(all.getCalls()).isEqualTo(CALLS.size()).isEqualTo(single.getCalls() + group.getCalls());
        assertThat(all.getConnectedCalls()).isEqualTo(CALLS.stream().filter(s -> s.acceptTs() > 0).count());
        assertThat(all.getTotalTalkSec()).isEqualTo(single.getTotalTalkSec() + group.getTotalTalkSec());
        assertThat(all.getMaxConcurrent()).isGreaterThanOrEqualTo(Math.max(single.getMaxConcurrent(), group.getMaxConcurrent()))
                .isLessThanOrEqualTo(single.getMaxConcurrent() + group.getMaxConcurrent());
        assertThat(all.getCallsByResult().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(CALLS.size());
        assertThat(all.getMaxConcurrent()).isEqualTo(bruteForceMaxConcurrent(truth.records()));
    }

    @Test
    void theFilesRoundTrip(@TempDir Path dir) {
        GroundTruth truth = GroundTruth.expected(APP, CALLS.subList(0, 200), ALL);
        GroundTruthFiles.write(dir, truth, Map.of("calls", 200));
        assertThat(GroundTruthFiles.readRecords(dir)).isEqualTo(truth.records());
        assertThat(GroundTruthFiles.readConcurrency(dir)).isEqualTo(truth.concurrency());
        assertThat(GroundTruthFiles.readDaily(dir)).isEqualTo(truth.daily());
        assertThat(dir.resolve(GroundTruthFiles.SUMMARY)).content().contains("\"calls\" : 200");
    }

    /** Seconds in which {@code user} was present together with someone else, from the story's presence. */
    private static long secondsInCompany(List<Presence> presence, String user) {
        long from = presence.stream().mapToLong(Presence::joinTs).min().orElse(0);
        long to = presence.stream().mapToLong(Presence::leaveTs).max().orElse(0);
        long seconds = 0;
        for (long t = from; t < to; t++) {
            long second = t;
            Set<String> present = presence.stream().filter(p -> p.joinTs() <= second && second < p.leaveTs())
                    .map(Presence::userId).collect(Collectors.toSet());
            if (present.size() > 1 && present.contains(user)) {
                seconds++;
            }
        }
        return seconds;
    }

    private static int peak(List<Presence> presence) {
        long from = presence.stream().mapToLong(Presence::joinTs).min().orElse(0);
        long to = presence.stream().mapToLong(Presence::leaveTs).max().orElse(0);
        int peak = presence.isEmpty() ? 0 : 1;
        for (long t = from; t < to; t++) {
            long second = t;
            peak = Math.max(peak, (int) presence.stream().filter(p -> p.joinTs() <= second && second < p.leaveTs())
                    .map(Presence::userId).distinct().count());
        }
        return peak;
    }

    private static int bruteForceMaxConcurrent(List<CallRecord> records) {
        long from = records.stream().filter(r -> r.getAcceptTs() > 0).mapToLong(CallRecord::getAcceptTs).min().orElse(0);
        long to = records.stream().filter(r -> r.getEndTs() != null).mapToLong(CallRecord::getEndTs).max().orElse(0);
        int max = 0;
        for (long t = from; t < to; t++) {
            long second = t;
            max = Math.max(max, (int) records.stream().filter(r -> r.getAcceptTs() > 0 && r.getAcceptTs() <= second
                    && second < r.getEndTs()).count());
        }
        return max;
    }

    private static CallRecord record(String callId, String type, long accept, long end) {
        boolean connected = accept > 0;
        List<Participant> participants = connected
                ? List.of(new Participant(callId + "-1", accept, end, "iOS", end - accept),
                        new Participant(callId + "-2", accept, end, "Web", end - accept))
                : List.of();
        return CallRecord.newBuilder().setSdkAppId(APP).setCallId(callId).setCallType(type).setCaller(callId + "-1")
                .setCallees(List.of(callId + "-2")).setParticipants(participants).setTotalUserNumber(2)
                .setStartCallTs(connected ? accept - 5 : 10).setAcceptTs(accept).setEndTs(connected ? end : 20)
                .setDurationSec(connected ? end - accept : 0)
                .setCallResult(connected ? CallResult.normal_end : CallResult.cancel)
                .setClosedBy(ClosedBy.complete).setEventCount(4).build();
    }

    private static int max(List<ConcurrencyWindow> windows, CallScope scope, WindowGranularity g, long start) {
        return windows.stream().filter(w -> w.getScope() == scope && w.getGranularity() == g && w.getWindowStartTs() == start)
                .mapToInt(ConcurrencyWindow::getMaxConcurrent).findFirst().orElse(0);
    }

    private static long peakTs(List<ConcurrencyWindow> windows, CallScope scope, WindowGranularity g, long start) {
        return windows.stream().filter(w -> w.getScope() == scope && w.getGranularity() == g && w.getWindowStartTs() == start)
                .mapToLong(ConcurrencyWindow::getPeakTs).findFirst().orElseThrow();
    }
}
