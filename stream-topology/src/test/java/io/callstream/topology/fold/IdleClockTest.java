package io.callstream.topology.fold;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** When a call may be closed as idle (R6): by the wall clock in the steady state, by the stream while catching up. */
class IdleClockTest {

    private static final Duration LAG = Duration.ofMinutes(1);
    private static final Duration IDLE = Duration.ofHours(6);
    private static final long START = 1_795_420_800_000L;

    @Test
    void justStartedNothingIsIdleUntilTheTaskReadsOrStaysQuiet() {
        IdleClock clock = new IdleClock(LAG, START);
        long lastArrival = START - IDLE.toMillis() - 1;
        assertThat(clock.idle(lastArrival, lastArrival, IDLE, START + 1000)).isFalse();
        assertThat(clock.idle(lastArrival, lastArrival, IDLE, START + LAG.toMillis())).as("quiet: no backlog").isTrue();
    }

    @Test
    void inTheSteadyStateTheWallClockDecides() {
        IdleClock clock = new IdleClock(LAG, START);
        clock.read(START + 100, START + 200); // read 100 ms after it was received
        assertThat(clock.catchingUp(START + 300)).isFalse();
        assertThat(clock.idle(START - IDLE.toMillis(), null, IDLE, START + 300)).isTrue();
        assertThat(clock.idle(START - IDLE.toMillis() + 1000, null, IDLE, START + 300)).isFalse();
    }

    @Test
    void whileCatchingUpTheStreamDecides() {
        IdleClock clock = new IdleClock(LAG, START);
        long streamTime = START - Duration.ofHours(5).toMillis();
        clock.read(streamTime, START + 10);
        assertThat(clock.catchingUp(START + 20)).isTrue();
        long longAgo = START - Duration.ofHours(7).toMillis();
        assertThat(clock.idle(longAgo, streamTime - IDLE.toMillis() + 1, IDLE, START + 20)).isFalse();
        assertThat(clock.idle(longAgo, streamTime - IDLE.toMillis(), IDLE, START + 20)).isTrue();
        assertThat(clock.idle(longAgo, null, IDLE, START + 20)).as("no event time: wait").isFalse();
    }
}
