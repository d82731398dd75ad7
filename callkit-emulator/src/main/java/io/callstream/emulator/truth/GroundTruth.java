package io.callstream.emulator.truth;

import io.callstream.emulator.call.CallStory;
import io.callstream.emulator.call.Callback;
import io.callstream.schemas.CallRecord;
import io.callstream.schemas.CallResult;
import io.callstream.schemas.CallbackCommand;
import io.callstream.schemas.ConcurrencyWindow;
import io.callstream.schemas.DailyStats;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What the pipeline must produce for a set of generated calls: one record per call that got at least one callback
 * through (R3-R6), the windowed concurrency (R7) and the daily figures (R8) those records imply.
 *
 * <p>Records are computed by {@link ExpectedRecord} from the callbacks that were delivered, so the truth stays right
 * whatever the app subscribed to ({@code actions}) and whatever the sender gave up on. Calls none of whose callbacks
 * were delivered have no record and are counted in {@link #unrecordedCalls()}.
 *
 * @param records     in the order the calls were generated
 * @param concurrency see {@link ConcurrencyOracle}
 * @param daily       see {@link DailyOracle}
 */
public record GroundTruth(long sdkAppId, String zone, List<CallRecord> records, int unrecordedCalls,
                          List<ConcurrencyWindow> concurrency, List<DailyStats> daily) {

    public GroundTruth {
        records = List.copyOf(records);
        concurrency = List.copyOf(concurrency);
        daily = List.copyOf(daily);
    }

    /**
     * @param delivered which callbacks reached the receiver (acknowledged at least once)
     * @param zone      the zone days (and windows) are aligned in; R7/R8 default UTC
     */
    public static GroundTruth of(long sdkAppId, Collection<CallStory> stories, Predicate<Callback> delivered, ZoneId zone) {
        List<CallRecord> records = new ArrayList<>(stories.size());
        int unrecorded = 0;
        for (CallStory story : stories) {
            List<Callback> got = story.callbacks().stream().filter(delivered).toList();
            if (got.isEmpty()) {
                unrecorded++;
            } else {
                records.add(ExpectedRecord.of(story.sdkAppId(), story.callId(), got));
            }
        }
        List<ConcurrencyWindow> windows = ConcurrencyOracle.windows(sdkAppId, records, zone);
        return new GroundTruth(sdkAppId, zone.getId(), records, unrecorded, windows,
                DailyOracle.days(sdkAppId, records, windows, zone));
    }

    /** The truth if every callback the {@code actions} select is delivered (days in UTC). */
    public static GroundTruth expected(long sdkAppId, Collection<CallStory> stories, Set<CallbackCommand> actions) {
        return of(sdkAppId, stories, c -> actions.contains(c.command()), ZoneOffset.UTC);
    }

    public Optional<CallRecord> record(String callId) {
        return records.stream().filter(r -> r.getCallId().equals(callId)).findFirst();
    }

    /** Records by result; records left open (closed by the idle timeout) count as {@code unknown} unless decided. */
    public Map<CallResult, Long> callsByResult() {
        Map<CallResult, Long> counts = new EnumMap<>(CallResult.class);
        records.forEach(r -> counts.merge(r.getCallResult(), 1L, Long::sum));
        return counts;
    }
}
