package io.callstream.topology.stats.processor;

import io.callstream.schemas.CallScope;
import io.callstream.schemas.ConcurrencyWindow;
import io.callstream.schemas.DailyStats;
import io.callstream.schemas.WindowGranularity;
import io.callstream.topology.SkippedRecordLog;
import io.callstream.topology.SortableKeys;
import io.callstream.topology.StatsConfig;
import io.callstream.topology.stats.CallFigures;
import io.callstream.topology.stats.ConcurrencyDelta;
import io.callstream.topology.stats.DailyTotals;
import io.callstream.topology.stats.DayDelta;
import io.callstream.topology.stats.DistinctUsers;
import io.callstream.topology.stats.SecondCounts;
import io.callstream.topology.stats.StatsChange;
import io.callstream.topology.stats.StatsZone;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The statistics of every call record (R7, R8, R9), fed by {@link StatsChange}s keyed by app: each change subtracts
 * what a call counted for before and adds what it counts for now.
 *
 * <ul>
 *   <li>Concurrency: the per-second counts of every minute a call was in progress are updated at once (they are the
 *       ground truth: additive, so a revision is exact); the minute, hour and day windows derived from them are
 *       recomputed for the hours that changed, every {@code publishEvery}, and published where their figure moved.</li>
 *   <li>Days: calls, connected calls, results and talk time are updated at once; participants through
 *       {@link DayParticipants}; a changed day is published with the same period.</li>
 * </ul>
 * What a publication must recompute is marked in {@value StatsStores#PENDING}, written in the same transaction as the
 * change itself, so a crash between a change and its publication loses neither. Marks are per hour and day, not per
 * minute: a second's changes mark a few keys over and over, which the record cache writes once.
 */
public final class StatisticsProcessor implements Processor<String, StatsChange, String, StatsOutput> {

    private static final long PRUNE_EVERY_MS = Duration.ofHours(1).toMillis();
    /** A day's users are kept until a day after it ends: late calls of the day mostly come by then. */
    private static final long USERS_KEPT_SECONDS = Duration.ofDays(1).toSeconds();
    private static final char HOUR = 'h';
    private static final char DAY = 'd';
    private static final char PARTICIPANTS = 'p';

    private static final Logger LOG = LoggerFactory.getLogger(StatisticsProcessor.class);

    private final StatsConfig config;
    private final SkippedRecordLog skippedRecords = new SkippedRecordLog(LOG);
    private final StatsZone zone;
    private ProcessorContext<String, StatsOutput> context;
    private KeyValueStore<String, byte[]> counts;
    private KeyValueStore<String, ConcurrencyWindow> windows;
    private KeyValueStore<String, DailyStats> daily;
    private KeyValueStore<String, Long> pending;
    private DayParticipants participants;
    private long prunedAtMs;
    /**
     * Recently touched days and minutes, decoded: a second's changes update the same few over and over, and every
     * change is written through to the store, so these only save decoding it back. Cleared whenever the task starts.
     */
    private final Map<String, DailyStats> decodedDays = recentlyUsed(1_024);
    private final Map<String, SecondCounts> decodedCounts = recentlyUsed(4_096);
    /** The pending marks written since the last publication: marking one again would rewrite it for nothing. */
    private final Set<String> marked = new java.util.HashSet<>();

    public StatisticsProcessor(StatsConfig config) {
        this.config = config;
        this.zone = config.zone();
    }

    @Override
    public void init(ProcessorContext<String, StatsOutput> context) {
        this.context = context;
        this.counts = context.getStateStore(StatsStores.SECOND_COUNTS);
        this.windows = context.getStateStore(StatsStores.WINDOWS);
        this.daily = context.getStateStore(StatsStores.DAILY);
        this.pending = context.getStateStore(StatsStores.PENDING);
        this.participants = new DayParticipants(context.getStateStore(StatsStores.DAY_USERS),
                context.getStateStore(StatsStores.DAY_SKETCHES), zone, config.listener());
        this.prunedAtMs = 0; // prune at the first publication: the task may have been down a while
        forgetDecoded();
        context.schedule(config.publishEvery(), PunctuationType.WALL_CLOCK_TIME, this::publish);
    }

    @Override
    public void close() {
        forgetDecoded();
    }

    /** Drops what is kept in memory only: the stores may be restored or wiped underneath. */
    private void forgetDecoded() {
        if (participants != null) {
            participants.clear();
        }
        decodedDays.clear();
        decodedCounts.clear();
        marked.clear();
    }

    private static <V> Map<String, V> recentlyUsed(int capacity) {
        return new java.util.LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    public void process(Record<String, StatsChange> record) {
        StatsChange change = record.value();
        if (change == null) {
            config.listener().nullChange();
            skippedRecords.skipped(context, record.key(), "a statistics change without a value");
            return;
        }
        if (!change.isEffective()) {
            return; // changes nothing counted: filtered before the repartition topic, so only a replayed one gets here
        }
        long nowMs = context.currentSystemTimeMs();
        long oldestKept = oldestKeptSecond(nowMs);
        countConcurrency(change, oldestKept);
        countDays(change, oldestKept);
        participants.apply(change, zone.dayOf(oldestKept), dayKey -> mark(PARTICIPANTS, dayKey, nowMs));
        config.listener().changeApplied();
    }

    private void countConcurrency(StatsChange change, long oldestKept) {
        long maxSpan = config.maxSpan().toSeconds();
        if (ConcurrencyDelta.isClamped(change.after(), maxSpan)) {
            config.listener().spanClamped();
        }
        long app = change.sdkAppId();
        long now = context.currentSystemTimeMs();
        // Nearly every change keeps its call's type: then its type's scope changes exactly as all does.
        NavigableMap<Long, SecondCounts> all = ConcurrencyDelta.of(change, CallScope.all, maxSpan);
        CallScope sameType = change.before() == null || change.before().type() == change.after().type()
                ? change.after().type() : CallScope.all;
        for (CallScope scope : CallScope.values()) {
            NavigableMap<Long, SecondCounts> minutes = scope == CallScope.all || scope == sameType ? all
                    : sameType != CallScope.all ? java.util.Collections.emptyNavigableMap()
                    : ConcurrencyDelta.of(change, scope, maxSpan);
            long markedHour = Long.MIN_VALUE;
            for (Map.Entry<Long, SecondCounts> minute : minutes.tailMap(StatsZone.minuteStart(oldestKept), true).entrySet()) {
                String key = StatsStores.countsKey(app, scope, minute.getKey());
                SecondCounts updated = decodedCounts.get(key);
                if (updated == null) {
                    byte[] stored = counts.get(key);
                    updated = stored == null ? SecondCounts.empty() : SecondCounts.decode(stored);
                }
                updated.add(minute.getValue());
                if (updated.isZero()) {
                    counts.delete(key);
                    decodedCounts.remove(key);
                } else {
                    counts.put(key, updated.encode());
                    decodedCounts.put(key, updated);
                }
                long hour = zone.windowStart(minute.getKey(), WindowGranularity.hour);
                if (hour != markedHour) { // minutes come in order: an hour's are consecutive
                    mark(HOUR, StatsStores.windowKey(app, scope, WindowGranularity.hour, hour), now);
                    markedHour = hour;
                }
            }
        }
    }

    /**
     * Subtracts the call's old figures from the days and scopes they counted in and adds its new ones; only a day whose
     * figures end up different is written and marked (a call retyped from single to group leaves its all day as it was).
     */
    private void countDays(StatsChange change, long oldestKept) {
        if (DailyTotals.sameDay(change.before(), change.after(), zone)) {
            return;
        }
        Map<String, DayDelta> deltas = new java.util.LinkedHashMap<>();
        countDay(deltas, change.sdkAppId(), change.before(), -1, oldestKept);
        countDay(deltas, change.sdkAppId(), change.after(), +1, oldestKept);
        long now = context.currentSystemTimeMs();
        deltas.forEach((key, delta) -> {
            if (delta.isZero()) {
                return;
            }
            DailyStats day = day(key);
            if (day == null) {
                StatsStores.ScopedKey k = StatsStores.ScopedKey.parse(key);
                day = DailyTotals.empty(k.app(), k.scope(), LocalDate.parse(k.rest()), zone);
            }
            delta.applyTo(day);
            daily.put(key, day);
            decodedDays.put(key, day);
            mark(DAY, key, now);
        });
    }

    private void countDay(Map<String, DayDelta> deltas, long app, CallFigures call, int sign, long oldestKept) {
        LocalDate day = call == null ? null : DailyTotals.dayOf(call, zone);
        if (day == null || day.isBefore(zone.dayOf(oldestKept))) {
            return;
        }
        for (CallScope scope : call.scopes()) {
            deltas.computeIfAbsent(StatsStores.dayKey(app, scope, day), key -> new DayDelta()).add(call, sign);
        }
    }

    /** A day as stored (null when none), decoded once while it is in use. */
    private DailyStats day(String key) {
        DailyStats day = decodedDays.get(key);
        if (day == null) {
            day = daily.get(key);
            if (day != null) {
                decodedDays.put(key, day);
            }
        }
        return day;
    }

    private void mark(char kind, String key, long nowMs) {
        String mark = kind + "|" + key;
        if (marked.add(mark)) {
            pending.put(mark, nowMs);
        }
    }

    /** Recomputes and publishes what changed since the last publication: windows first, then the days they are in. */
    private void publish(long nowMs) {
        List<String> marks = new ArrayList<>();
        try (KeyValueIterator<String, Long> it = pending.all()) {
            it.forEachRemaining(kv -> marks.add(kv.key));
        }
        marked.clear();
        Set<String> days = new TreeSet<>();
        Map<String, Boolean> dayStats = new java.util.TreeMap<>(); // day key → whether its participants changed
        Set<String> totalsChanged = new TreeSet<>();
        int windowsPublished = 0;
        for (String mark : marks) {
            pending.delete(mark);
            String key = mark.substring(2);
            switch (mark.charAt(0)) {
                case HOUR -> {
                    StatsStores.ScopedKey k = StatsStores.ScopedKey.parse(key);
                    int published = republishHour(k.app(), k.scope(), startOf(key));
                    windowsPublished += published;
                    if (published > 0) {
                        days.add(StatsStores.windowKey(k.app(), k.scope(), WindowGranularity.day,
                                zone.windowStart(startOf(key), WindowGranularity.day)));
                    }
                }
                case DAY -> {
                    dayStats.putIfAbsent(key, false);
                    totalsChanged.add(key);
                }
                case PARTICIPANTS -> dayStats.put(key, true);
                default -> throw new IllegalStateException("unknown pending mark " + mark);
            }
        }
        for (String day : days) {
            if (recompute(day, WindowGranularity.day, WindowGranularity.hour)) {
                windowsPublished++;
                StatsStores.ScopedKey k = StatsStores.ScopedKey.parse(day);
                dayStats.putIfAbsent(StatsStores.dayKey(k.app(), k.scope(), zone.dayOf(startOf(day))), false);
            }
        }
        if (windowsPublished > 0) {
            config.listener().published("concurrency", windowsPublished);
        }
        int daysPublished = 0;
        for (Map.Entry<String, Boolean> day : dayStats.entrySet()) {
            daysPublished += publishDay(day.getKey(), totalsChanged.contains(day.getKey()), day.getValue(), nowMs) ? 1 : 0;
        }
        if (daysPublished > 0) {
            config.listener().published("daily", daysPublished);
        }
        if (nowMs - prunedAtMs >= PRUNE_EVERY_MS) {
            prune(nowMs);
            prunedAtMs = nowMs;
        }
    }

    /**
     * Derives an hour's minute windows from their counts and the hour's window from them; publishes those whose figure
     * moved. Returns how many were published; the hour's own is last, so more than zero may leave its day unchanged.
     */
    private int republishHour(long app, CallScope scope, long hour) {
        long end = zone.windowEnd(hour, WindowGranularity.hour);
        Map<Long, ConcurrencyWindow> published = new java.util.TreeMap<>();
        try (KeyValueIterator<String, ConcurrencyWindow> it = windows.range(
                StatsStores.windowKey(app, scope, WindowGranularity.minute, hour),
                StatsStores.windowKey(app, scope, WindowGranularity.minute, end - 1))) {
            it.forEachRemaining(kv -> published.put(kv.value.getWindowStartTs(), kv.value));
        }
        Map<Long, SecondCounts> minutes = new java.util.TreeMap<>();
        try (KeyValueIterator<String, byte[]> it = counts.range(StatsStores.countsKey(app, scope, hour),
                StatsStores.countsKey(app, scope, end - 1))) {
            it.forEachRemaining(kv -> minutes.put(startOf(kv.key), SecondCounts.decode(kv.value)));
        }
        Set<Long> starts = new TreeSet<>(published.keySet());
        starts.addAll(minutes.keySet());
        int count = 0;
        int max = 0;
        Long peak = null;
        for (long minute : starts) { // in time order: the first minute with the hour's max has its earliest peak
            SecondCounts seconds = minutes.getOrDefault(minute, SecondCounts.empty());
            int offset = seconds.peakOffset();
            Long minutePeak = offset < 0 ? null : minute + offset;
            count += publishWindow(app, scope, WindowGranularity.minute, minute, published.get(minute), seconds.max(), minutePeak) ? 1 : 0;
            if (seconds.max() > max) {
                max = seconds.max();
                peak = minutePeak;
            }
        }
        String hourKey = StatsStores.windowKey(app, scope, WindowGranularity.hour, hour);
        return count + (publishWindow(app, scope, WindowGranularity.hour, hour, windows.get(hourKey), max, peak) ? 1 : 0);
    }

    /** A window's maximum from its sub-windows (the hours of a day); publishes it if it changed. */
    private boolean recompute(String windowKey, WindowGranularity granularity, WindowGranularity of) {
        StatsStores.ScopedKey k = StatsStores.ScopedKey.parse(windowKey);
        long start = startOf(windowKey);
        long end = zone.windowEnd(start, granularity);
        int max = 0;
        Long peak = null;
        try (KeyValueIterator<String, ConcurrencyWindow> it = windows.range(
                StatsStores.windowKey(k.app(), k.scope(), of, start), StatsStores.windowKey(k.app(), k.scope(), of, end - 1))) {
            while (it.hasNext()) {
                ConcurrencyWindow sub = it.next().value;
                if (sub.getMaxConcurrent() > max) { // in time order: the first with the max has the earliest peak
                    max = sub.getMaxConcurrent();
                    peak = sub.getPeakTs();
                }
            }
        }
        return publishWindow(k.app(), k.scope(), granularity, start, windows.get(windowKey), max, peak);
    }

    private static long startOf(String windowKey) {
        return Long.parseLong(windowKey.substring(windowKey.lastIndexOf('|') + 1));
    }

    /** Stores and publishes a window whose figure changed (a tombstone when no call is in progress in it any more). */
    private boolean publishWindow(long app, CallScope scope, WindowGranularity granularity, long start,
                                  ConcurrencyWindow published, int max, Long peak) {
        String key = StatsStores.windowKey(app, scope, granularity, start);
        String topicKey = StatsStores.windowTopicKey(app, scope, granularity, start);
        long now = context.currentSystemTimeMs();
        if (max == 0) {
            if (published == null) {
                return false;
            }
            windows.delete(key);
            context.forward(new Record<>(topicKey, StatsOutput.windowDeleted(), now));
            return true;
        }
        if (published != null && published.getMaxConcurrent() == max && peak.equals(published.getPeakTs())) {
            return false;
        }
        ConcurrencyWindow window = new ConcurrencyWindow(app, scope, granularity, zone.id(), start,
                zone.windowEnd(start, granularity), max, peak, published == null ? 1 : published.getRevision() + 1);
        windows.put(key, window);
        context.forward(new Record<>(topicKey, StatsOutput.of(window), now));
        return true;
    }

    /**
     * Publishes a day with its participants and day-window maximum as they are now, if anything it shows changed; a
     * day left with no call is deleted.
     */
    private boolean publishDay(String key, boolean totalsChanged, boolean participantsChanged, long nowMs) {
        DailyStats day = day(key);
        if (day == null) {
            return false; // a day window of a day in which no call started
        }
        StatsStores.ScopedKey k = StatsStores.ScopedKey.parse(key);
        LocalDate date = LocalDate.parse(k.rest());
        String topicKey = StatsStores.dayTopicKey(k.app(), k.scope(), date);
        if (day.getCalls() == 0) {
            daily.delete(key);
            decodedDays.remove(key);
            participants.delete(key);
            if (day.getRevision() > 0) {
                context.forward(new Record<>(topicKey, StatsOutput.dayDeleted(), nowMs));
                return true;
            }
            return false;
        }
        byte[] before = participants.sketch(key);
        byte[] sketch = participantsChanged ? participants.refresh(key) : before;
        DistinctUsers.Count joined = sketch == null ? new DistinctUsers.Count(0, true) : DistinctUsers.countOf(List.of(sketch));
        ConcurrencyWindow dayWindow = windows.get(StatsStores.windowKey(k.app(), k.scope(), WindowGranularity.day,
                zone.dayStart(date)));
        int max = dayWindow == null ? 0 : dayWindow.getMaxConcurrent();
        if (day.getRevision() > 0 && !totalsChanged && java.util.Arrays.equals(before, sketch)
                && joined.value() == day.getParticipants() && joined.exact() == day.getParticipantsExact()
                && max == day.getMaxConcurrent()) {
            return false; // e.g. the day window's peak moved, but not its maximum
        }
        day.setParticipants(joined.value());
        day.setParticipantsExact(joined.exact());
        day.setMaxConcurrent(max);
        day.setAvgTalkSec(DailyTotals.averageTalk(day));
        day.setRevision(day.getRevision() + 1);
        daily.put(key, day);
        DailyStats published = DailyStats.newBuilder(day).setParticipantsSketch(sketch == null ? null : ByteBuffer.wrap(sketch)).build();
        context.forward(new Record<>(topicKey, StatsOutput.of(published), nowMs));
        return true;
    }

    /** R9: what is older than the retention leaves every store; days ended over a day ago keep no users. */
    private void prune(long nowMs) {
        long cutoff = oldestKeptSecond(nowMs);
        LocalDate cutoffDay = zone.dayOf(cutoff);
        for (long app : appsIn(daily, counts, windows)) {
            for (CallScope scope : CallScope.values()) {
                String prefix = StatsStores.scopePrefix(app, scope);
                deleteRange(counts, prefix, prefix + SortableKeys.padded(StatsZone.minuteStart(cutoff) - 1));
                for (WindowGranularity g : WindowGranularity.values()) {
                    deleteRange(windows, StatsStores.windowPrefix(app, scope, g),
                            StatsStores.windowKey(app, scope, g, zone.windowStart(cutoff, g) - 1));
                }
                List<String> oldDays = keysIn(daily, prefix, prefix + cutoffDay.minusDays(1));
                oldDays.forEach(daily::delete);
                oldDays.forEach(participants::delete);
            }
        }
        participants.dropUsersBefore(zone.dayOf(nowMs / 1000 - USERS_KEPT_SECONDS));
        decodedDays.clear();
        decodedCounts.clear();
    }

    private long oldestKeptSecond(long nowMs) {
        return (nowMs - config.retention().toMillis()) / 1000;
    }

    private static <V> void deleteRange(KeyValueStore<String, V> store, String from, String to) {
        keysIn(store, from, to).forEach(store::delete);
    }

    private static <V> List<String> keysIn(KeyValueStore<String, V> store, String from, String to) {
        List<String> keys = new ArrayList<>();
        if (from.compareTo(to) > 0) {
            return keys;
        }
        try (KeyValueIterator<String, V> it = store.range(from, to)) {
            it.forEachRemaining(kv -> keys.add(kv.key));
        }
        return keys;
    }

    /** The apps with keys in any of these stores (keys lead with {@code <app>|}), one seek per app. */
    @SafeVarargs
    private static Set<Long> appsIn(KeyValueStore<String, ?>... stores) {
        Set<Long> apps = new TreeSet<>();
        for (KeyValueStore<String, ?> store : stores) {
            String from = "";
            while (true) {
                String first;
                try (KeyValueIterator<String, ?> it = store.range(from, null)) {
                    if (!it.hasNext()) {
                        break;
                    }
                    first = it.next().key;
                }
                String app = first.substring(0, first.indexOf('|'));
                apps.add(Long.parseLong(app));
                from = app + "}"; // '}' sorts right after '|': past every key of this app
            }
        }
        return apps;
    }
}
