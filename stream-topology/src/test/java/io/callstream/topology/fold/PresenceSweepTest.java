package io.callstream.topology.fold;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** R4 presence: the sweep against a second-by-second count of who is present, on random joins and leaves (R6 for stays). */
class PresenceSweepTest {

    @Test
    void agreesWithCountingEverySecond() {
        Random random = new Random(4);
        for (int run = 0; run < 5_000; run++) {
            Map<String, List<PresenceSweep.Mark>> marks = new HashMap<>();
            int users = 1 + random.nextInt(5);
            for (int m = random.nextInt(12); m > 0; m--) {
                marks.computeIfAbsent("u" + random.nextInt(users), u -> new ArrayList<>())
                        .add(new PresenceSweep.Mark(random.nextInt(40), random.nextBoolean()));
            }
            long horizon = random.nextInt(50);

            PresenceSweep.Result expected = secondBySecond(marks, horizon);
            assertThat(PresenceSweep.sweep(marks, horizon)).as("marks %s, horizon %d", marks, horizon)
                    .isEqualTo(expected);
            // What completeness asks: the same people, joins and leaves, without the seconds or the peak.
            Map<String, PresenceSweep.Presence> untimed = new TreeMap<>();
            expected.participants().forEach((user, p) -> untimed.put(user, new PresenceSweep.Presence(p.joinTs(), p.leaveTs(), 0)));
            assertThat(PresenceSweep.stays(marks, horizon)).as("stays: marks %s, horizon %d", marks, horizon)
                    .isEqualTo(new PresenceSweep.Result(untimed, 0));
        }
    }

    @Test
    void aUserWhoLeavesAndRejoinsIsCountedForBothStays() {
        Map<String, List<PresenceSweep.Mark>> marks = Map.of(
                "alice", List.of(new PresenceSweep.Mark(0, true), new PresenceSweep.Mark(100, false)),
                "bob", List.of(new PresenceSweep.Mark(10, true), new PresenceSweep.Mark(20, false),
                        new PresenceSweep.Mark(50, true), new PresenceSweep.Mark(70, false)));

        PresenceSweep.Result result = PresenceSweep.sweep(marks, 100);

        assertThat(result.participants().get("bob")).isEqualTo(new PresenceSweep.Presence(10, 70L, 30));
        assertThat(result.participants().get("alice")).isEqualTo(new PresenceSweep.Presence(0, 100L, 30));
        assertThat(result.peak()).isEqualTo(2);
    }

    /** The rule read literally: a user is present in second t of each stay [join, leave); seconds count while 2+ are. */
    private static PresenceSweep.Result secondBySecond(Map<String, List<PresenceSweep.Mark>> marks, long horizon) {
        Map<String, List<long[]>> stays = new TreeMap<>();
        Map<String, Boolean> open = new TreeMap<>();
        marks.forEach((user, list) -> {
            List<PresenceSweep.Mark> sorted = new ArrayList<>(list);
            sorted.sort(Comparator.comparingLong(PresenceSweep.Mark::time).thenComparing(m -> !m.join()));
            List<long[]> own = new ArrayList<>();
            Long joined = null;
            for (PresenceSweep.Mark m : sorted) {
                if (m.join() && joined == null) {
                    joined = m.time();
                } else if (!m.join() && joined != null) {
                    own.add(new long[] {joined, m.time()});
                    joined = null;
                }
            }
            if (joined != null) {
                own.add(new long[] {joined, Math.max(joined, horizon)});
            }
            if (!own.isEmpty()) {
                stays.put(user, own);
                open.put(user, joined != null);
            }
        });
        Map<String, Long> seconds = new HashMap<>();
        int peak = stays.isEmpty() ? 0 : 1;
        for (long t = 0; t < 100; t++) {
            long second = t;
            List<String> present = stays.keySet().stream()
                    .filter(u -> stays.get(u).stream().anyMatch(s -> s[0] <= second && second < s[1])).toList();
            peak = Math.max(peak, present.size());
            if (present.size() > 1) {
                present.forEach(u -> seconds.merge(u, 1L, Long::sum));
            }
        }
        Map<String, PresenceSweep.Presence> participants = new TreeMap<>();
        stays.forEach((user, own) -> participants.put(user, new PresenceSweep.Presence(own.get(0)[0],
                open.get(user) ? null : own.get(own.size() - 1)[1], seconds.getOrDefault(user, 0L))));
        return new PresenceSweep.Result(participants, peak);
    }
}
