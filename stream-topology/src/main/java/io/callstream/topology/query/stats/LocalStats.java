package io.callstream.topology.query.stats;

import io.callstream.schemas.CallScope;
import io.callstream.schemas.ConcurrencyWindow;
import io.callstream.schemas.DailyStats;
import io.callstream.schemas.WindowGranularity;
import io.callstream.topology.query.QueryDeadline;
import io.callstream.topology.query.local.StoreLookup;
import io.callstream.topology.stats.DistinctUsers;
import io.callstream.topology.stats.OpenSpanCounts;
import io.callstream.topology.stats.SecondCounts;
import io.callstream.topology.stats.StatsZone;
import io.callstream.topology.stats.processor.StatsStores;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Answers statistics queries from the stores of the instance that holds an app's statistics ({@link StatsStores}),
 * adding what the open calls (gathered from every partition of the fold) contribute where asked. Each store read checks
 * the query's deadline first: a request is bounded (10,080 windows, 366 days), but a year of ragged ends on a slow disk
 * still should not outlive the caller's wait.
 */
public final class LocalStats {

    private final StoreLookup stores;
    private final StatsZone zone;
    private final QueryDeadline deadline;

    /** @param deadline when the reads stop ({@link QueryDeadline#check}) */
    public LocalStats(StoreLookup stores, StatsZone zone, QueryDeadline deadline) {
        this.stores = stores;
        this.zone = zone;
        this.deadline = deadline;
    }

    /** Published windows of one scope and granularity that start in {@code [from, to]}, in time order. */
    public List<ConcurrencyWindow> windows(long app, CallScope scope, WindowGranularity granularity, long from, long to) {
        List<ConcurrencyWindow> windows = new ArrayList<>();
        if (from > to) {
            return windows;
        }
        ReadOnlyKeyValueStore<String, ConcurrencyWindow> store = stores.store(StatsStores.WINDOWS);
        try (KeyValueIterator<String, ConcurrencyWindow> it = store.range(StatsStores.windowKey(app, scope, granularity, from),
                StatsStores.windowKey(app, scope, granularity, to))) {
            it.forEachRemaining(kv -> {
                deadline.check();
                windows.add(kv.value);
            });
        }
        return windows;
    }

    /**
     * The windows as {@link #windows(long, CallScope, WindowGranularity, long, long)}, with those that calls without
     * a record reach recomputed up to now: recorded and open calls together. A recomputed window has revision 0.
     */
    public List<ConcurrencyWindow> windows(long app, CallScope scope, WindowGranularity granularity, long from, long to,
                                           OpenSpanCounts open) {
        TreeMap<Long, ConcurrencyWindow> byStart = new TreeMap<>();
        windows(app, scope, granularity, from, to).forEach(w -> byStart.put(w.getWindowStartTs(), w));
        long openFrom = open.first(scope);
        if (openFrom != Long.MAX_VALUE) {
            for (long start = zone.windowStart(Math.max(from, openFrom), granularity); start <= Math.min(to, open.now());
                 start = zone.windowEnd(start, granularity)) {
                if (start < from) {
                    continue;
                }
                long end = zone.windowEnd(start, granularity);
                Peak peak = peak(app, scope, start, Math.min(end - 1, open.now()), open);
                if (peak.maxConcurrent() > 0) {
                    byStart.put(start, new ConcurrencyWindow(app, scope, granularity, zone.id(), start, end,
                            peak.maxConcurrent(), peak.peakTs(), 0));
                }
            }
        }
        return new ArrayList<>(byStart.values());
    }

    /**
     * The most calls in progress at one second of {@code [from, to]} (inclusive), recorded calls and, with {@code open}
     * (may be null), the open ones. Whole days, hours and minutes of the range read their published window; only the
     * range's ragged ends and the seconds that open calls reach read per-second counts.
     */
    public Peak peak(long app, CallScope scope, long from, long to, OpenSpanCounts open) {
        long openFrom = open == null ? Long.MAX_VALUE : Math.max(from, open.first(scope));
        Peak best = Peak.NONE;
        if (from <= Math.min(to, openFrom - 1)) {
            best = recorded(app, scope, from, Math.min(to, openFrom - 1));
        }
        if (openFrom <= to) {
            best = best.orLater(perSecond(app, scope, openFrom, to, open));
        }
        return best;
    }

    private Peak recorded(long app, CallScope scope, long from, long to) {
        ReadOnlyKeyValueStore<String, ConcurrencyWindow> windows = stores.store(StatsStores.WINDOWS);
        Peak best = Peak.NONE;
        long cursor = from;
        while (cursor <= to) {
            deadline.check();
            WindowGranularity whole = wholeWindowAt(cursor, to);
            if (whole == null) { // a ragged end: part of a minute
                long end = Math.min(to, StatsZone.minuteStart(cursor) + 59);
                best = best.orLater(perSecond(app, scope, cursor, end, null));
                cursor = end + 1;
            } else {
                ConcurrencyWindow w = windows.get(StatsStores.windowKey(app, scope, whole, cursor));
                if (w != null) {
                    best = best.orLater(new Peak(w.getMaxConcurrent(), w.getPeakTs()));
                }
                cursor = zone.windowEnd(cursor, whole);
            }
        }
        return best;
    }

    /** The largest window that starts at {@code second} and ends by {@code to}; null when not even a minute does. */
    private WindowGranularity wholeWindowAt(long second, long to) {
        for (WindowGranularity g : new WindowGranularity[] {WindowGranularity.day, WindowGranularity.hour, WindowGranularity.minute}) {
            if (zone.windowStart(second, g) == second && zone.windowEnd(second, g) - 1 <= to) {
                return g;
            }
        }
        return null;
    }

    private Peak perSecond(long app, CallScope scope, long from, long to, OpenSpanCounts open) {
        ReadOnlyKeyValueStore<String, byte[]> counts = stores.store(StatsStores.SECOND_COUNTS);
        Peak best = Peak.NONE;
        for (long minute = StatsZone.minuteStart(from); minute <= to; minute += 60) {
            deadline.check();
            byte[] stored = counts.get(StatsStores.countsKey(app, scope, minute));
            SecondCounts seconds = stored == null ? SecondCounts.empty() : SecondCounts.decode(stored);
            for (long s = Math.max(from, minute); s <= Math.min(to, minute + 59); s++) {
                long n = seconds.at((int) (s - minute)) + (open == null ? 0 : open.at(scope, s));
                if (n > best.maxConcurrent()) {
                    best = new Peak((int) n, s);
                }
            }
        }
        return best;
    }

    /** The days of {@code [from, to]} of every scope, and each scope's distinct participants over them. */
    public DayRange days(long app, LocalDate from, LocalDate to) {
        ReadOnlyKeyValueStore<String, DailyStats> daily = stores.store(StatsStores.DAILY);
        ReadOnlyKeyValueStore<String, byte[]> sketches = stores.store(StatsStores.DAY_SKETCHES);
        Map<CallScope, List<DailyStats>> days = new EnumMap<>(CallScope.class);
        Map<CallScope, DistinctUsers.Count> participants = new EnumMap<>(CallScope.class);
        for (CallScope scope : CallScope.values()) {
            List<DailyStats> list = new ArrayList<>();
            DistinctUsers union = new DistinctUsers();
            if (!from.isAfter(to)) {
                try (KeyValueIterator<String, DailyStats> it = daily.range(StatsStores.dayKey(app, scope, from),
                        StatsStores.dayKey(app, scope, to))) {
                    while (it.hasNext()) {
                        deadline.check();
                        var kv = it.next();
                        if (kv.value.getRevision() > 0) { // published at least once
                            list.add(kv.value);
                        }
                    }
                }
                try (KeyValueIterator<String, byte[]> it = sketches.range(StatsStores.dayKey(app, scope, from),
                        StatsStores.dayKey(app, scope, to))) {
                    it.forEachRemaining(kv -> {
                        deadline.check();
                        union.merge(kv.value);
                    });
                }
            }
            days.put(scope, list);
            participants.put(scope, union.count());
        }
        return new DayRange(days, participants);
    }
}
