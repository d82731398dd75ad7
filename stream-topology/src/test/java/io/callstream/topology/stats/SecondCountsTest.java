package io.callstream.topology.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** R7's per-second counts of one minute: the store's encoding, the maximum and its first second, adding ranges. */
class SecondCountsTest {

    @Test
    void encodingRoundTripsAnyCounts() {
        Random random = new Random(7);
        for (int run = 0; run < 5_000; run++) {
            int[] expected = new int[SecondCounts.SECONDS];
            SecondCounts counts = SecondCounts.empty();
            for (int s = 0; s < SecondCounts.SECONDS; s++) {
                // small counts mostly, as a minute holds; negatives (a partition's subtraction); every width of varint
                int c = switch (random.nextInt(4)) {
                    case 0 -> 0;
                    case 1 -> random.nextInt(21) - 10;
                    case 2 -> random.nextInt(1 << (1 + random.nextInt(30))) * (random.nextBoolean() ? 1 : -1);
                    default -> random.nextInt();
                };
                expected[s] = c;
                counts.add(s, s + 1, c);
            }

            SecondCounts decoded = SecondCounts.decode(counts.encode());

            assertThat(decoded).isEqualTo(counts);
            for (int s = 0; s < SecondCounts.SECONDS; s++) {
                assertThat(decoded.at(s)).as("run %d second %d", run, s).isEqualTo(expected[s]);
            }
        }
    }

    @Test
    void theExtremesRoundTripAndSmallCountsTakeOneByteEach() {
        SecondCounts counts = SecondCounts.empty();
        counts.add(0, 1, Integer.MAX_VALUE);
        counts.add(1, 2, Integer.MIN_VALUE);
        counts.add(2, 3, -1);
        counts.add(3, 4, 63);
        counts.add(4, 5, -64);

        assertThat(SecondCounts.decode(counts.encode())).isEqualTo(counts);
        SecondCounts small = SecondCounts.empty();
        small.add(0, 60, 3);
        small.add(10, 20, -5);
        assertThat(small.encode()).hasSize(SecondCounts.SECONDS);
        assertThat(SecondCounts.empty().encode()).hasSize(SecondCounts.SECONDS);
    }

    @Test
    void addCoversFromInclusiveToExclusive() {
        SecondCounts counts = SecondCounts.empty();
        counts.add(10, 20, 2);
        counts.add(15, 60, -1);

        assertThat(counts.at(9)).isZero();
        assertThat(counts.at(10)).isEqualTo(2);
        assertThat(counts.at(14)).isEqualTo(2);
        assertThat(counts.at(15)).isEqualTo(1);
        assertThat(counts.at(19)).isEqualTo(1);
        assertThat(counts.at(20)).isEqualTo(-1);
        assertThat(counts.at(59)).isEqualTo(-1);
        counts.add(5, 5, 100); // an empty range
        assertThat(counts.at(5)).isZero();
    }

    @Test
    void addingAMinuteSumsSecondBySecondAndCancelsToZero() {
        SecondCounts a = SecondCounts.empty();
        a.add(0, 30, 1);
        SecondCounts b = SecondCounts.empty();
        b.add(20, 40, 1);
        SecondCounts minusA = SecondCounts.empty();
        minusA.add(0, 30, -1);

        a.add(b);
        assertThat(a.at(19)).isEqualTo(1);
        assertThat(a.at(20)).isEqualTo(2);
        assertThat(a.at(30)).isEqualTo(1);
        a.add(minusA);
        assertThat(a).isEqualTo(b);
        minusA.add(0, 30, 1);
        assertThat(minusA.isZero()).isTrue();
        assertThat(b.isZero()).isFalse();
    }

    /** R7: peakTs is the first second reaching the maximum; a window with no call in progress has no peak. */
    @Test
    void maxAndTheFirstSecondReachingIt() {
        SecondCounts counts = SecondCounts.empty();
        assertThat(counts.max()).isZero();
        assertThat(counts.peakOffset()).isEqualTo(-1);

        counts.add(50, 60, 2);
        counts.add(10, 20, 2);
        counts.add(30, 31, 1);
        assertThat(counts.max()).isEqualTo(2);
        assertThat(counts.peakOffset()).isEqualTo(10);

        counts.add(59, 60, 1);
        assertThat(counts.max()).isEqualTo(3);
        assertThat(counts.peakOffset()).isEqualTo(59);
    }

    @Test
    void onlyNegativeCountsHaveMaxZeroAndNoPeak() {
        SecondCounts counts = SecondCounts.empty();
        counts.add(0, 60, -2);

        assertThat(counts.max()).isZero();
        assertThat(counts.peakOffset()).isEqualTo(-1);
    }

    @Test
    void maxAndPeakAgreeWithAScanOnRandomMinutes() {
        Random random = new Random(11);
        for (int run = 0; run < 5_000; run++) {
            SecondCounts counts = SecondCounts.empty();
            for (int r = random.nextInt(8); r > 0; r--) {
                int from = random.nextInt(61);
                counts.add(from, from + random.nextInt(61 - from), random.nextInt(7) - 2);
            }
            int max = 0;
            int peak = -1;
            for (int s = 0; s < SecondCounts.SECONDS; s++) {
                if (counts.at(s) > max) {
                    max = counts.at(s);
                    peak = s;
                }
            }
            assertThat(counts.max()).as("%s", counts).isEqualTo(max);
            assertThat(counts.peakOffset()).as("%s", counts).isEqualTo(peak);
        }
    }
}
