package io.callstream.topology.fold;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Who was in the call when (rule R4): each participant's presence intervals from their join and leave evidence, the
 * seconds each was present while more than one person was, and the most people present at once.
 *
 * <p>Marks are sorted by time, so the result does not depend on the order evidence arrived in. A user may leave and
 * rejoin; a join while present and a leave while absent change nothing; presence still open at the end of the call
 * lasts until {@code horizon}.
 */
final class PresenceSweep {

    /** A join ({@code join=true}) or leave of one user at one second. */
    record Mark(long time, boolean join) {
    }

    /** One participant's presence: first join, last leave (null while still present), counted seconds. */
    record Presence(long joinTs, Long leaveTs, long durationSec) {
    }

    record Result(Map<String, Presence> participants, int peak) {
    }

    private record Interval(long start, long end) {
    }

    /** A user's stay starting or ending at {@code time}. */
    private record Edge(long time, String user, boolean starts) {
    }

    private PresenceSweep() {
    }

    static Result sweep(Map<String, List<Mark>> marksByUser, long horizon) {
        return sweep(marksByUser, horizon, true);
    }

    /**
     * Who took part and who is still present, as {@link #sweep} says, without the seconds each was present or the peak
     * (zero): all that a group call's completeness asks (R6), on every callback of an open call.
     */
    static Result stays(Map<String, List<Mark>> marksByUser, long horizon) {
        return sweep(marksByUser, horizon, false);
    }

    private static Result sweep(Map<String, List<Mark>> marksByUser, long horizon, boolean timed) {
        Map<String, List<Interval>> intervals = new TreeMap<>();
        Map<String, Boolean> stillPresent = new TreeMap<>();
        marksByUser.forEach((user, marks) -> {
            List<Mark> sorted = new ArrayList<>(marks);
            sorted.sort(Comparator.comparingLong(Mark::time).thenComparing(m -> !m.join()));
            List<Interval> own = new ArrayList<>();
            Long start = null;
            for (Mark mark : sorted) {
                if (mark.join() && start == null) {
                    start = mark.time();
                } else if (!mark.join() && start != null) {
                    own.add(new Interval(start, mark.time()));
                    start = null;
                }
            }
            if (start != null) {
                own.add(new Interval(start, Math.max(start, horizon)));
            }
            if (!own.isEmpty()) {
                intervals.put(user, own);
                stillPresent.put(user, start != null);
            }
        });

        Map<String, Long> seconds = new TreeMap<>();
        int peak = timed ? sweepEdges(intervals, seconds) : 0;
        Map<String, Presence> participants = new TreeMap<>();
        intervals.forEach((user, list) -> participants.put(user, new Presence(
                list.get(0).start(),
                stillPresent.get(user) ? null : list.get(list.size() - 1).end(),
                seconds.getOrDefault(user, 0L))));
        return new Result(participants, peak);
    }

    /** Credits {@code seconds} per user present with someone else; returns the most people present at once. */
    private static int sweepEdges(Map<String, List<Interval>> intervals, Map<String, Long> seconds) {
        // Sweep the intervals' ends in time order, keeping who is present; at one second, ends come before starts, so
        // a user whose stay ends where the next begins stays present. Between two consecutive times, everyone present
        // is credited the gap when more than one person is.
        List<Edge> edges = new ArrayList<>();
        intervals.forEach((user, list) -> list.forEach(i -> {
            if (i.end() > i.start()) { // an empty interval is never present
                edges.add(new Edge(i.start(), user, true));
                edges.add(new Edge(i.end(), user, false));
            }
        }));
        edges.sort(Comparator.comparingLong(Edge::time).thenComparing(Edge::starts));
        Set<String> present = new LinkedHashSet<>();
        int peak = intervals.isEmpty() ? 0 : 1;
        for (int i = 0; i < edges.size(); ) {
            long time = edges.get(i).time();
            for (; i < edges.size() && edges.get(i).time() == time; i++) {
                Edge edge = edges.get(i);
                if (edge.starts()) {
                    present.add(edge.user());
                } else {
                    present.remove(edge.user());
                }
            }
            peak = Math.max(peak, present.size());
            if (present.size() > 1 && i < edges.size()) { // (after the last edge, nobody is present)
                long gap = edges.get(i).time() - time;
                present.forEach(user -> seconds.merge(user, gap, Long::sum));
            }
        }
        return peak;
    }
}
