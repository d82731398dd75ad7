package io.callstream.topology.record;

import io.callstream.schemas.CallEvent;
import io.callstream.schemas.EventKind;
import io.callstream.topology.fold.EventTimeWindow;

/**
 * Whether an event of the event log is one the fold takes as a fact: its key is its call's, its kind is known and its
 * times lie in the window. The event log keeps every event of {@code callkit.events}, refused ones too, so whoever
 * reads a call's facts from it (the fold reading a call back, the query API) asks this, as the fold did when the event
 * came.
 */
record EventAdmission(EventTimeWindow times) {

    boolean admits(String callKey, CallEvent event) {
        if (event == null || event.getKind() == EventKind.unknown || times.violation(event).isPresent()) {
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
