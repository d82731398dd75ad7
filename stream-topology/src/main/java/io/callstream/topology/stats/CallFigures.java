package io.callstream.topology.stats;

import io.callstream.schemas.CallRecord;
import io.callstream.schemas.CallScope;
import io.callstream.schemas.Participant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What one call record counts for in the statistics (R7, R8): the type that picks its scope, the day it started, the
 * seconds it was in progress, its result and talk time, and who joined it.
 *
 * @param type         single or group; null when the record names no type (the call then counts in {@code all} only)
 * @param startTs      startCallTs, the day the call counts in (R8); null when unknown (the call counts in no day)
 * @param acceptTs     0 when the call was never accepted: such a call is never in progress (R7)
 * @param endTs        null when unknown
 * @param result       the callResult's name, null when none
 * @param participants the users who joined (R4), each once
 */
public record CallFigures(CallScope type, Long startTs, long acceptTs, Long endTs, String result, long durationSec,
                          List<String> participants) {

    public CallFigures {
        if (type == CallScope.all) {
            throw new IllegalArgumentException("a call's type is single or group, not all");
        }
        participants = List.copyOf(new LinkedHashSet<>(Objects.requireNonNull(participants, "participants")));
    }

    public static CallFigures of(CallRecord r) {
        List<String> joined = new ArrayList<>(r.getParticipants().size());
        for (Participant p : r.getParticipants()) {
            joined.add(p.getUserId());
        }
        return new CallFigures(typeOf(r.getCallType()), r.getStartCallTs(), r.getAcceptTs(), r.getEndTs(),
                r.getCallResult() == null ? null : r.getCallResult().name(), r.getDurationSec(), joined);
    }

    public static CallScope typeOf(String callType) {
        if ("single".equals(callType)) {
            return CallScope.single;
        }
        return "group".equals(callType) ? CallScope.group : null;
    }

    /** The scopes the call counts in: its type's, and {@code all}. */
    public Set<CallScope> scopes() {
        return type == null ? Set.of(CallScope.all) : Set.of(type, CallScope.all);
    }

    public boolean counts(CallScope scope) {
        return scope == CallScope.all || scope == type;
    }

    public boolean connected() {
        return acceptTs > 0;
    }

    /** R7: in progress during {@code [acceptTs, endTs)}; false when never accepted, end unknown, or not a whole second. */
    public boolean wasInProgress() {
        return acceptTs > 0 && endTs != null && endTs > acceptTs;
    }
}
