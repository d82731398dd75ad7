package io.callstream.topology.stats;

import io.callstream.schemas.CallScope;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * What a {@link StatsChange} does to one scope's per-second counts (R7), minute by minute: the old span subtracted,
 * the new one added. Only the seconds where the two differ are touched, so a revision that moves an end by a few
 * seconds changes one minute, not every minute of the call.
 */
public final class ConcurrencyDelta {

    private ConcurrencyDelta() {
    }

    /**
     * @param maxSpanSeconds longest span counted: a call in progress longer than this (only absurd timestamps make one)
     *                       counts for its first {@code maxSpanSeconds}, so that no record can make this unbounded work
     * @return minute start → the counts to add in that minute; empty when nothing changes
     */
    public static NavigableMap<Long, SecondCounts> of(StatsChange change, CallScope scope, long maxSpanSeconds) {
        NavigableMap<Long, Integer> edges = new TreeMap<>();
        addSpan(edges, change.before(), scope, -1, maxSpanSeconds);
        addSpan(edges, change.after(), scope, +1, maxSpanSeconds);
        NavigableMap<Long, SecondCounts> minutes = new TreeMap<>();
        int running = 0;
        Long from = null;
        for (Map.Entry<Long, Integer> edge : edges.entrySet()) {
            if (running != 0) {
                add(minutes, from, edge.getKey(), running);
            }
            running += edge.getValue();
            from = edge.getKey();
        }
        minutes.values().removeIf(SecondCounts::isZero);
        return minutes;
    }

    /** Whether a span was cut to {@code maxSpanSeconds}. */
    public static boolean isClamped(CallFigures figures, long maxSpanSeconds) {
        return figures != null && figures.wasInProgress() && figures.endTs() - figures.acceptTs() > maxSpanSeconds;
    }

    private static void addSpan(NavigableMap<Long, Integer> edges, CallFigures f, CallScope scope, int sign, long maxSpan) {
        if (f == null || !f.counts(scope) || !f.wasInProgress()) {
            return;
        }
        long end = Math.min(f.endTs(), f.acceptTs() + maxSpan);
        edges.merge(f.acceptTs(), sign, Integer::sum);
        edges.merge(end, -sign, Integer::sum);
    }

    /** Adds {@code delta} over {@code [from, to)}, cut at minute boundaries. */
    private static void add(NavigableMap<Long, SecondCounts> minutes, long from, long to, int delta) {
        for (long minute = StatsZone.minuteStart(from); minute < to; minute += 60) {
            int a = (int) (Math.max(from, minute) - minute);
            int b = (int) (Math.min(to, minute + 60) - minute);
            minutes.computeIfAbsent(minute, m -> SecondCounts.empty()).add(a, b, delta);
        }
    }
}
