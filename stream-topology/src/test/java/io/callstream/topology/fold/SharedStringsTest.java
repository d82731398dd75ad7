package io.callstream.topology.fold;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The shared copies of vocabulary values are one per value, and bounded whatever a sender makes up. */
class SharedStringsTest {

    @Test
    void equalValuesComeBackAsOneCopy() {
        SharedStrings shared = new SharedStrings(10, 16);
        String first = shared.of(new String("accept_call"));
        assertThat(shared.of(new String("accept_call"))).isSameAs(first);
        assertThat(shared.of(null)).isNull();
    }

    @Test
    void pastItsBoundsAValueComesBackAsItIsAndNothingIsKept() {
        SharedStrings shared = new SharedStrings(2, 8);
        String longer = new String("longer than eight");
        assertThat(shared.of(longer)).isSameAs(longer);
        shared.of("a");
        shared.of("b");
        String third = new String("c");
        assertThat(shared.of(third)).isSameAs(third);
        assertThat(shared.of(new String("c"))).isNotSameAs(third);
        assertThat(shared.size()).isEqualTo(2);
        assertThat(shared.of(new String("a"))).isSameAs(shared.of("a"));
    }
}
