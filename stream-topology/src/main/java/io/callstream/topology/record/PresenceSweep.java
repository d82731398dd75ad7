package io.callstream.topology.record;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

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

    private PresenceSweep() {
    }

    static Result sweep(Map<String, List<Mark>> marksByUser, long horizon) {
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

        TreeSet<Long> boundaries = new TreeSet<>();
        intervals.values().forEach(list -> list.forEach(i -> {
            boundaries.add(i.start());
            boundaries.add(i.end());
        }));
        Map<String, Long> seconds = new TreeMap<>();
        int peak = intervals.isEmpty() ? 0 : 1;
        Long previous = null;
        for (long boundary : boundaries) {
            if (previous != null && boundary > previous) {
                long from = previous;
                List<String> present = intervals.entrySet().stream()
                        .filter(e -> e.getValue().stream().anyMatch(i -> i.start() <= from && from < i.end()))
                        .map(Map.Entry::getKey).toList();
                peak = Math.max(peak, present.size());
                if (present.size() > 1) {
                    present.forEach(user -> seconds.merge(user, boundary - from, Long::sum));
                }
            }
            previous = boundary;
        }

        Map<String, Presence> participants = new TreeMap<>();
        intervals.forEach((user, list) -> participants.put(user, new Presence(
                list.get(0).start(),
                stillPresent.get(user) ? null : list.get(list.size() - 1).end(),
                seconds.getOrDefault(user, 0L))));
        return new Result(participants, peak);
    }
}
