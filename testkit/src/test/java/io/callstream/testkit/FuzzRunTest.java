package io.callstream.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FuzzRunTest {

    @Test
    void theSuiteRunsItsOwnSeedsUnlessTheNightlyAsksForOthers() {
        assertThat(FuzzRun.fromSystemProperties(List.of(1L, 2L), 400)).isEqualTo(new FuzzRun(List.of(1L, 2L), 400));
        assertThat(FuzzRun.parseSeeds("7, -3")).containsExactly(7L, -3L);
        List<Long> fresh = FuzzRun.parseSeeds("random:5");
        assertThat(fresh).hasSize(5).doesNotHaveDuplicates();
        assertThat(FuzzRun.parseSeeds("random")).hasSize(1);
    }
}
