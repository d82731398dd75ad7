package io.callstream.topology.record;

import io.callstream.schemas.CallEvent;
import io.callstream.schemas.EventKind;
import io.callstream.topology.fold.EventTimeWindow;
import java.time.Duration;

/**
 * Whether an event of the event log is one the fold takes as a fact: its key is its call's, its kind is known, its
 * times lie in the window, and the events topic still keeps it. The event log keeps every event of
 * {@code callkit.events}, refused ones too, so whoever reads a call's facts from it (the fold reading a call back, the
 * query API) asks this, as the fold did when the event came.
 *
 * <p>Why the age: an event older than the topic's retention may be of a call dropped since, whose key a new call took
 * ({@link EventLogEntries}); no call still read from its events has one that old ({@link CallRecordProcessor.Timings#logFactsAfter}).
 *
 * @param kept the events topic's {@code retention.ms}
 */
record EventAdmission(EventTimeWindow times, Duration kept) {

    /** @param timestampMs when the event arrived, as the event log keeps it */
    boolean admits(String callKey, CallEvent event, long timestampMs, long nowMs) {
        if (event == null || event.getKind() == EventKind.unknown || times.violation(event).isPresent()
                || timestampMs < nowMs - kept.toMillis()) {
            return false;
        }
        try {
            EventKey.of(callKey, event);
            return true;
        } catch (RefusedEventException e) {
            return false;
        }
    }
}
