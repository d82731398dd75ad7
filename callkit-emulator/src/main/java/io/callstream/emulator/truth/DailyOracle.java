package io.callstream.emulator.truth;

import io.callstream.schemas.CallRecord;
import io.callstream.schemas.CallScope;
import io.callstream.schemas.ConcurrencyWindow;
import io.callstream.schemas.DailyStats;
import io.callstream.schemas.Participant;
import io.callstream.schemas.WindowGranularity;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * R8 daily figures per day (in {@code zone}) and scope, from the records: a call belongs to the day of its
 * {@code startCallTs}, and so do its participants; maxConcurrent is the day window of {@link ConcurrencyOracle}.
 * Participant counts are exact (no sketch). Only days with at least one call are listed.
 */
public final class DailyOracle {

    private DailyOracle() {
    }

    public static List<DailyStats> days(long sdkAppId, Collection<CallRecord> records, List<ConcurrencyWindow> windows,
                                        ZoneId zone) {
        List<DailyStats> out = new ArrayList<>();
        for (CallScope scope : CallScope.values()) {
            Map<LocalDate, List<CallRecord>> byDay = new TreeMap<>();
            for (CallRecord r : records) {
                if (Scopes.covers(scope, r) && r.getStartCallTs() != null) {
                    byDay.computeIfAbsent(Instant.ofEpochSecond(r.getStartCallTs()).atZone(zone).toLocalDate(),
                            d -> new ArrayList<>()).add(r);
                }
            }
            byDay.forEach((day, calls) -> out.add(day(sdkAppId, scope, day, calls, windows, zone)));
        }
        return out;
    }

    private static DailyStats day(long sdkAppId, CallScope scope, LocalDate day, List<CallRecord> calls,
                                  List<ConcurrencyWindow> windows, ZoneId zone) {
        Map<String, Long> byResult = new TreeMap<>();
        Set<String> participants = new HashSet<>();
        long connected = 0;
        long talk = 0;
        for (CallRecord r : calls) {
            byResult.merge(r.getCallResult() == null ? "open" : r.getCallResult().name(), 1L, Long::sum);
            if (r.getAcceptTs() > 0) {
                connected++;
            }
            talk += r.getDurationSec();
            r.getParticipants().stream().map(Participant::getUserId).forEach(participants::add);
        }
        long dayStart = ConcurrencyOracle.windowStart(day.atStartOfDay(zone).toEpochSecond(), WindowGranularity.day, zone);
        return DailyStats.newBuilder()
                .setSdkAppId(sdkAppId)
                .setScope(scope)
                .setDay(day.toString())
                .setZone(zone.getId())
                .setCalls(calls.size())
                .setConnectedCalls(connected)
                .setCallsByResult(new TreeMap<>(byResult))
                .setParticipants(participants.size())
                .setParticipantsExact(true)
                .setParticipantsSketch(null)
                .setMaxConcurrent(ConcurrencyOracle.dayMax(windows, scope, dayStart))
                .setTotalTalkSec(talk)
                .setAvgTalkSec(connected == 0 ? 0.0 : (double) talk / connected)
                .setRevision(1)
                .build();
    }
}
