package io.callstream.emulator.truth;

import io.callstream.schemas.CallRecord;
import io.callstream.schemas.CallScope;
import io.callstream.schemas.ConcurrencyWindow;
import io.callstream.schemas.WindowGranularity;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;

/**
 * R7 windowed maximum concurrency by a per-second sweep: a call is in progress in every second of
 * {@code [acceptTs, endTs)}; each second's count is the number of such calls, and a window's figure is the largest
 * count of its seconds (with the first second reaching it). This is the "brute-force sweep" R7 names as the oracle.
 *
 * <p>Only windows with at least one call in progress are listed (a window with none has maxConcurrent 0 and no
 * peak). Windows are tumbling minutes, hours and days aligned in {@code zone}.
 */
public final class ConcurrencyOracle {

    private ConcurrencyOracle() {
    }

    /** Every non-empty window of every granularity, for each of single, group and all; ordered by scope, granularity, start. */
    public static List<ConcurrencyWindow> windows(long sdkAppId, Collection<CallRecord> records, ZoneId zone) {
        List<ConcurrencyWindow> windows = new ArrayList<>();
        for (CallScope scope : CallScope.values()) {
            TreeMap<Long, Integer> changes = new TreeMap<>();
            for (CallRecord r : records) {
                if (Scopes.covers(scope, r) && r.getAcceptTs() > 0 && r.getEndTs() != null && r.getEndTs() > r.getAcceptTs()) {
                    changes.merge(r.getAcceptTs(), 1, Integer::sum);
                    changes.merge(r.getEndTs(), -1, Integer::sum);
                }
            }
            for (WindowGranularity granularity : WindowGranularity.values()) {
                windows.addAll(sweep(sdkAppId, scope, granularity, changes, zone));
            }
        }
        return windows;
    }

    /** The day-window maximum of one scope and day start, 0 when no call was in progress that day. */
    static int dayMax(List<ConcurrencyWindow> windows, CallScope scope, long dayStart) {
        return windows.stream().filter(w -> w.getScope() == scope && w.getGranularity() == WindowGranularity.day
                && w.getWindowStartTs() == dayStart).mapToInt(ConcurrencyWindow::getMaxConcurrent).findFirst().orElse(0);
    }

    private static List<ConcurrencyWindow> sweep(long sdkAppId, CallScope scope, WindowGranularity granularity,
                                                 TreeMap<Long, Integer> changes, ZoneId zone) {
        List<ConcurrencyWindow> out = new ArrayList<>();
        if (changes.isEmpty()) {
            return out;
        }
        long first = changes.firstKey();
        long last = changes.lastKey(); // every call has ended by then
        int inProgress = 0;
        long windowStart = Long.MIN_VALUE;
        long windowEnd = Long.MIN_VALUE;
        int max = 0;
        long peakTs = 0;
        for (long second = first; second < last; second++) {
            inProgress += changes.getOrDefault(second, 0);
            if (second >= windowEnd) {
                if (max > 0) {
                    out.add(window(sdkAppId, scope, granularity, zone, windowStart, windowEnd, max, peakTs));
                }
                windowStart = windowStart(second, granularity, zone);
                windowEnd = windowEnd(windowStart, granularity, zone);
                max = 0;
            }
            if (inProgress > max) {
                max = inProgress;
                peakTs = second;
            }
        }
        if (max > 0) {
            out.add(window(sdkAppId, scope, granularity, zone, windowStart, windowEnd, max, peakTs));
        }
        return out;
    }

    static long windowStart(long second, WindowGranularity granularity, ZoneId zone) {
        ZonedDateTime t = Instant.ofEpochSecond(second).atZone(zone);
        ZonedDateTime start = switch (granularity) {
            case minute -> t.truncatedTo(ChronoUnit.MINUTES);
            case hour -> t.truncatedTo(ChronoUnit.HOURS);
            case day -> t.toLocalDate().atStartOfDay(zone);
        };
        return start.toEpochSecond();
    }

    /**
     * Windows tile the time-line: a window ends at the first minute whose window starts elsewhere (zones' offsets are
     * whole minutes, so every window starts and ends on a minute).
     */
    private static long windowEnd(long windowStart, WindowGranularity granularity, ZoneId zone) {
        long end = windowStart + 60;
        while (windowStart(end, granularity, zone) == windowStart) {
            end += 60;
        }
        return end;
    }

    private static ConcurrencyWindow window(long sdkAppId, CallScope scope, WindowGranularity granularity, ZoneId zone,
                                            long start, long end, int max, long peakTs) {
        return ConcurrencyWindow.newBuilder()
                .setSdkAppId(sdkAppId)
                .setScope(scope)
                .setGranularity(granularity)
                .setZone(zone.getId())
                .setWindowStartTs(start)
                .setWindowEndTs(end)
                .setMaxConcurrent(max)
                .setPeakTs(peakTs)
                .setRevision(1)
                .build();
    }
}
