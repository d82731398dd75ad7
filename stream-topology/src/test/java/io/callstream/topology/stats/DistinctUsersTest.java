package io.callstream.topology.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.datasketches.theta.Union;
import org.junit.jupiter.api.Test;

/** R8 participants: exact up to the sketch's nominal entries, within 2% beyond, and distinct over a range of days. */
class DistinctUsersTest {

    private static Union of(int from, int to) {
        Union union = DistinctUsers.union();
        for (int i = from; i < to; i++) {
            union.update("user-" + i);
        }
        return union;
    }

    @Test
    void exactUpToTheNominalEntries() {
        for (int n : new int[] {1, 2, 100, 4_096, 10_000, DistinctUsers.NOMINAL_ENTRIES}) {
            Union union = of(0, n);

            assertThat(DistinctUsers.count(union)).as("n = %d", n).isEqualTo(new DistinctUsers.Count(n, true));
            // and so is a day's stored sketch read back
            assertThat(DistinctUsers.countOf(List.of(DistinctUsers.serialize(union)))).as("n = %d", n)
                    .isEqualTo(new DistinctUsers.Count(n, true));
        }
    }

    @Test
    void beyondTheNominalEntriesTheCountSaysItIsAnEstimate() {
        DistinctUsers.Count count = DistinctUsers.count(of(0, DistinctUsers.NOMINAL_ENTRIES + 1));

        assertThat(count.exact()).isFalse();
        assertThat((double) count.value()).isCloseTo(DistinctUsers.NOMINAL_ENTRIES + 1, within(0.02 * DistinctUsers.NOMINAL_ENTRIES));
    }

    @Test
    void noUsersCountZeroExactly() {
        assertThat(DistinctUsers.count(DistinctUsers.union())).isEqualTo(new DistinctUsers.Count(0, true));
        assertThat(DistinctUsers.countOf(List.of())).isEqualTo(new DistinctUsers.Count(0, true));
    }

    /** A user who joined on several days is one participant of the range: a union, not a sum. */
    @Test
    void aUserOnSeveralDaysCountsOnce() {
        List<byte[]> days = new ArrayList<>();
        for (int d = 0; d < 3; d++) {
            Union day = DistinctUsers.union();
            day.update("alice");
            day.update("bob");
            day.update("day-" + d);
            days.add(DistinctUsers.serialize(day));
        }

        assertThat(DistinctUsers.countOf(days)).isEqualTo(new DistinctUsers.Count(5, true));
    }

    @Test
    void aSerializedSketchMergesBackToTheSameUsers() {
        Union original = of(0, 1_000);
        byte[] bytes = DistinctUsers.serialize(original);

        Union merged = DistinctUsers.union();
        DistinctUsers.merge(merged, bytes);
        assertThat(DistinctUsers.count(merged)).isEqualTo(new DistinctUsers.Count(1_000, true));
        DistinctUsers.merge(merged, bytes); // merging the same day again adds nobody
        assertThat(DistinctUsers.count(merged)).isEqualTo(new DistinctUsers.Count(1_000, true));
        DistinctUsers.merge(merged, DistinctUsers.serialize(of(500, 1_500)));
        assertThat(DistinctUsers.count(merged)).isEqualTo(new DistinctUsers.Count(1_500, true));
        assertThat(DistinctUsers.serialize(merged)).isNotEqualTo(bytes);
    }

    /** R8: over a month, 100,000 users who each joined on one to five days are 100,000 participants, within 2%. */
    @Test
    void aMonthOfDailySketchesCountsItsUsersWithinTwoPercent() {
        Random random = new Random(30);
        int users = 100_000;
        List<Union> days = new ArrayList<>();
        for (int d = 0; d < 30; d++) {
            days.add(DistinctUsers.union());
        }
        for (int u = 0; u < users; u++) {
            for (int k = 1 + random.nextInt(5); k > 0; k--) {
                days.get(random.nextInt(30)).update("user-" + u);
            }
        }
        List<byte[]> sketches = days.stream().map(DistinctUsers::serialize).toList();

        DistinctUsers.Count count = DistinctUsers.countOf(sketches);

        assertThat(count.exact()).isFalse();
        assertThat((double) count.value()).isCloseTo(users, within(0.02 * users));
        long summed = days.stream().mapToLong(d -> DistinctUsers.count(d).value()).sum();
        assertThat(summed).as("the days' own counts sum to far more").isGreaterThan(2L * users);
        assertThat(DistinctUsers.count(days.get(0)).exact()).as("a day of ~10,000 users is exact").isTrue();
    }
}
