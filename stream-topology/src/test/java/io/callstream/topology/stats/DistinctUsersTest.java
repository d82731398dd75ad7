package io.callstream.topology.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** R8 participants: exact up to the sketch's nominal entries, within 2% beyond, and distinct over a range of days. */
class DistinctUsersTest {

    private static final int K = DistinctUsers.NOMINAL_ENTRIES;

    private static DistinctUsers of(int from, int to) {
        DistinctUsers users = new DistinctUsers();
        for (int i = from; i < to; i++) {
            users.add("user-" + i);
        }
        return users;
    }

    @Test
    void exactUpToTheNominalEntries() {
        for (int n : new int[] {1, 2, 100, 4_096, 10_000, K}) {
            DistinctUsers users = of(0, n);

            assertThat(users.count()).as("n = %d", n).isEqualTo(new DistinctUsers.Count(n, true));
            // and so is a day's stored sketch read back
            assertThat(DistinctUsers.countOf(List.of(users.serialize()))).as("n = %d", n)
                    .isEqualTo(new DistinctUsers.Count(n, true));
        }
    }

    @Test
    void beyondTheNominalEntriesTheCountSaysItIsAnEstimate() {
        for (int n : new int[] {K + 1, 2 * K, 2 * K + 1, 5 * K}) {
            DistinctUsers.Count count = of(0, n).count();

            assertThat(count.exact()).as("n = %d", n).isFalse();
            assertThat((double) count.value()).as("n = %d", n).isCloseTo(n, within(0.02 * n));
        }
    }

    @Test
    void noUsersCountZeroExactly() {
        assertThat(new DistinctUsers().count()).isEqualTo(new DistinctUsers.Count(0, true));
        assertThat(new DistinctUsers().isEmpty()).isTrue();
        assertThat(DistinctUsers.countOf(List.of())).isEqualTo(new DistinctUsers.Count(0, true));
        assertThat(DistinctUsers.countOf(List.of(new DistinctUsers().serialize()))).isEqualTo(new DistinctUsers.Count(0, true));
    }

    /** A user who joined on several days is one participant of the range: a union, not a sum. */
    @Test
    void aUserOnSeveralDaysCountsOnce() {
        List<byte[]> days = new ArrayList<>();
        for (int d = 0; d < 3; d++) {
            DistinctUsers day = new DistinctUsers();
            day.add("alice");
            day.add("bob");
            day.add("alice");
            day.add("day-" + d);
            days.add(day.serialize());
        }

        assertThat(DistinctUsers.countOf(days)).isEqualTo(new DistinctUsers.Count(5, true));
    }

    @Test
    void aSerializedSketchMergesBackToTheSameUsers() {
        DistinctUsers original = of(0, 1_000);
        byte[] bytes = original.serialize();

        DistinctUsers merged = new DistinctUsers();
        merged.merge(bytes);
        assertThat(merged.count()).isEqualTo(new DistinctUsers.Count(1_000, true));
        merged.merge(bytes); // merging the same day again adds nobody
        assertThat(merged.count()).isEqualTo(new DistinctUsers.Count(1_000, true));
        merged.merge(of(500, 1_500).serialize());
        assertThat(merged.count()).isEqualTo(new DistinctUsers.Count(1_500, true));
        assertThat(merged.serialize()).isNotEqualTo(bytes);
    }

    /**
     * A union is the sketch of all its users, whatever the order: the same bytes as one sketch fed every user, for
     * days that are exact and days that estimate, merged in any order and at any size.
     */
    @Test
    void aUnionIsTheSketchOfAllItsUsersInAnyOrder() {
        Random random = new Random(8);
        for (int round = 0; round < 20; round++) {
            int days = 1 + random.nextInt(6);
            List<DistinctUsers> sketches = new ArrayList<>();
            DistinctUsers all = new DistinctUsers();
            for (int d = 0; d < days; d++) {
                DistinctUsers day = new DistinctUsers();
                int users = random.nextInt(3 * K);
                int from = random.nextInt(4 * K);
                for (int u = from; u < from + users; u++) {
                    day.add("user-" + u);
                    all.add("user-" + u);
                }
                sketches.add(day);
            }
            List<byte[]> serialized = new ArrayList<>(sketches.stream().map(DistinctUsers::serialize).toList());
            Collections.shuffle(serialized, random);

            DistinctUsers union = new DistinctUsers();
            serialized.forEach(union::merge);

            assertThat(union.serialize()).as("round %d", round).isEqualTo(all.serialize());
            assertThat(union.count()).isEqualTo(all.count());
        }
    }

    /** R8: over a month, 100,000 users who each joined on one to five days are 100,000 participants, within 2%. */
    @Test
    void aMonthOfDailySketchesCountsItsUsersWithinTwoPercent() {
        Random random = new Random(30);
        int users = 100_000;
        List<DistinctUsers> days = new ArrayList<>();
        for (int d = 0; d < 30; d++) {
            days.add(new DistinctUsers());
        }
        for (int u = 0; u < users; u++) {
            for (int k = 1 + random.nextInt(5); k > 0; k--) {
                days.get(random.nextInt(30)).add("user-" + u);
            }
        }
        List<byte[]> sketches = days.stream().map(DistinctUsers::serialize).toList();

        DistinctUsers.Count count = DistinctUsers.countOf(sketches);

        assertThat(count.exact()).isFalse();
        assertThat((double) count.value()).isCloseTo(users, within(0.02 * users));
        long summed = days.stream().mapToLong(d -> d.count().value()).sum();
        assertThat(summed).as("the days' own counts sum to far more").isGreaterThan(2L * users);
        assertThat(days.get(0).count().exact()).as("a day of ~10,000 users is exact").isTrue();
    }

    /** Across many independent sets of users, nearly all estimates fall within 2% (2.6 standard errors). */
    @Test
    void estimatesBeyondTheNominalEntriesAreWithinTwoPercent() {
        int n = 50_000;
        int within = 0;
        int trials = 40;
        for (int t = 0; t < trials; t++) {
            DistinctUsers users = new DistinctUsers();
            for (int u = 0; u < n; u++) {
                users.add("trial-" + t + "-user-" + u);
            }
            if (Math.abs(users.count().value() - n) <= 0.02 * n) {
                within++;
            }
        }
        assertThat(within).as("trials within 2%% of %d", n).isGreaterThanOrEqualTo(trials - 1);
    }

    @Test
    void aSketchAtMostNominalEntriesLong() {
        byte[] bytes = of(0, 3 * K).serialize();

        assertThat(bytes.length).isEqualTo(1 + 8 + 4 + K * 8);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        assertThat(in.get()).isEqualTo((byte) 1);
        long theta = in.getLong();
        assertThat(in.getInt()).isEqualTo(K);
        long[] hashes = new long[K];
        for (int i = 0; i < K; i++) {
            hashes[i] = in.getLong();
        }
        assertThat(hashes).isSorted();
        assertThat(Arrays.stream(hashes).allMatch(h -> h > 0 && h < theta)).isTrue();
    }

    @Test
    void bytesThatAreNotASketchAreRefused() {
        byte[] good = of(0, 10).serialize();
        byte[] wrongFormat = good.clone();
        wrongFormat[0] = 2;
        byte[] truncated = Arrays.copyOf(good, good.length - 3);
        byte[] hashAboveTheta = good.clone();
        ByteBuffer.wrap(hashAboveTheta).putLong(1, 5L); // theta 5: every hash is above it

        for (byte[] bad : List.of(new byte[0], wrongFormat, truncated, hashAboveTheta)) {
            assertThatThrownBy(() -> new DistinctUsers().merge(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
