package io.callstream.topology.stats;

import io.callstream.schemas.CallScope;

/**
 * A call that the fold has seen accepted and not yet emitted a record for (R7): in progress since {@code acceptTs}
 * while {@code endTs} is 0, or ended at {@code endTs} and about to be recorded (settling). Live concurrency counts the
 * first kind; a rolling maximum counts both, so that a call is in the figures from its acceptance to its record.
 *
 * @param type null when the call names no type yet (it counts in {@code all} only)
 */
public record OpenSpan(CallScope type, long acceptTs, long endTs) {

    public boolean inProgress() {
        return endTs == 0;
    }

    public boolean counts(CallScope scope) {
        return scope == CallScope.all || scope == type;
    }

    /** {@code <type or ->|<acceptTs>|<endTs>}. */
    public String encode() {
        return (type == null ? "-" : type.name()) + "|" + acceptTs + "|" + endTs;
    }

    public static OpenSpan decode(String text) {
        int a = text.indexOf('|');
        int b = text.indexOf('|', a + 1);
        String type = text.substring(0, a);
        return new OpenSpan(type.equals("-") ? null : CallScope.valueOf(type), Long.parseLong(text.substring(a + 1, b)),
                Long.parseLong(text.substring(b + 1)));
    }
}
