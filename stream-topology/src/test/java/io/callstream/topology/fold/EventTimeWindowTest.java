package io.callstream.topology.fold;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.schemas.CallEvent;
import io.callstream.topology.record.Facts;
import io.callstream.topology.record.ScenarioEvents;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The window a callback's times must lie in, around its receive time: both edges, seconds only, zero unset. */
class EventTimeWindowTest {

    private static final long RECEIVED = 1_795_420_800L;
    private static final EventTimeWindow WINDOW = new EventTimeWindow(Duration.ofDays(30), Duration.ofMinutes(10));

    private static CallEvent event(Long eventTime, Long startCallTs, Long acceptTs, Long endTs) {
        CallEvent e = ScenarioEvents.event(1400000001L, "c", Facts.of("caller_start_call", "alice", RECEIVED));
        e.setReceivedAtMs(RECEIVED * 1000 + 999);
        e.setEventTime(eventTime);
        e.setStartCallTs(startCallTs);
        e.setAcceptTs(acceptTs);
        e.setEndTs(endTs);
        return e;
    }

    @Test
    void theEdgesAreInsideAndOneSecondBeyondIsOutside() {
        long earliest = RECEIVED - Duration.ofDays(30).toSeconds();
        long latest = RECEIVED + Duration.ofMinutes(10).toSeconds();
        assertThat(WINDOW.violation(event(earliest, null, null, null))).isEmpty();
        assertThat(WINDOW.violation(event(latest, null, null, null))).isEmpty();
        assertThat(WINDOW.violation(event(earliest - 1, null, null, null))).get().asString().contains("EventTime");
        assertThat(WINDOW.violation(event(latest + 1, null, null, null))).get().asString().contains("EventTime");
    }

    @Test
    void everyTimeOfTheCallbackIsChecked() {
        assertThat(WINDOW.violation(event(RECEIVED, RECEIVED * 1000, null, null))).get().asString()
                .as("milliseconds where seconds are meant").contains("StartCallTs");
        assertThat(WINDOW.violation(event(RECEIVED, RECEIVED, 253_402_300_799L, null))).get().asString()
                .as("the year 9999").contains("AcceptTs");
        assertThat(WINDOW.violation(event(RECEIVED, RECEIVED, RECEIVED, 1L))).get().asString().contains("EndTs");
    }

    @Test
    void zeroAndAbsentTimesAreNotSet() {
        assertThat(WINDOW.violation(event(RECEIVED, RECEIVED - 60, 0L, null))).isEmpty();
        assertThat(WINDOW.violation(event(null, null, null, null))).isEmpty();
    }
}
