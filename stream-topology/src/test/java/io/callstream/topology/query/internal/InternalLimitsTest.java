package io.callstream.topology.query.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class InternalLimitsTest {

    @Test
    void takeIsBoundedBothWays() {
        assertThat(InternalLimits.take(0)).isZero();
        assertThat(InternalLimits.take(InternalLimits.MAX_TAKE)).isEqualTo(InternalLimits.MAX_TAKE);
        assertThatThrownBy(() -> InternalLimits.take(InternalLimits.MAX_TAKE + 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("take must be 0..100001");
        assertThatThrownBy(() -> InternalLimits.take(Integer.MAX_VALUE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> InternalLimits.take(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void entriesAreAtMostOneLargestPage() {
        assertThat(InternalLimits.entries(1_000)).isEqualTo(1_000);
        assertThatThrownBy(() -> InternalLimits.entries(1_001)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void partitionsAreAShortListOfDistinctNumbers() {
        assertThat(InternalLimits.partitions("0,3,5")).containsExactly(0, 3, 5);
        String most = IntStream.range(0, InternalLimits.MAX_PARTITIONS).mapToObj(Integer::toString).collect(Collectors.joining(","));
        assertThat(InternalLimits.partitions(most)).hasSize(InternalLimits.MAX_PARTITIONS);
        for (String bad : new String[] {most + ",1024", "", "1,1", "-1", "a", "1,,2", "2147483648"}) {
            assertThatThrownBy(() -> InternalLimits.partitions(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> InternalLimits.partitions(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
