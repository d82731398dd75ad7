package io.callstream.topology.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ThreadReplacementsTest {

    private Instant now = Instant.parse("2026-11-23T08:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void aThreadIsReplacedAtMostMaxTimesWithinTheWindowThenNotUntilTheOldestLeavesIt() {
        ThreadReplacements.Budget budget = new ThreadReplacements(3, Duration.ofMinutes(10)).budget(clock);
        assertThat(budget.tryReplace()).isTrue();
        now = now.plusSeconds(60);
        assertThat(budget.tryReplace()).isTrue();
        assertThat(budget.tryReplace()).isTrue();
        assertThat(budget.tryReplace()).as("a fourth within 10 minutes: the client shuts down").isFalse();
        now = now.plusSeconds(9 * 60 - 1);
        assertThat(budget.tryReplace()).as("the first is still within the window").isFalse();
        now = now.plusSeconds(1);
        assertThat(budget.tryReplace()).as("the first left the window").isTrue();
        assertThat(budget.tryReplace()).isFalse();
    }

    @Test
    void zeroNeverReplaces() {
        assertThat(new ThreadReplacements(0, Duration.ofMinutes(10)).budget(clock).tryReplace()).isFalse();
    }
}
