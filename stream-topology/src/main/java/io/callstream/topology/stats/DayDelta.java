package io.callstream.topology.stats;

import io.callstream.schemas.DailyStats;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a change does to the additive figures of one day and scope (R8): calls, connected calls, calls by result and
 * talk time, as the net of the call's old figures subtracted and its new ones added. A retyped call leaves its
 * {@code all} day with a zero delta, which changes nothing.
 */
public final class DayDelta {

    private long calls;
    private long connected;
    private long talk;
    private final Map<String, Long> byResult = new HashMap<>(4);

    /** Adds ({@code sign} +1) or subtracts (-1) a call's figures. */
    public void add(CallFigures call, int sign) {
        calls += sign;
        if (call.connected()) {
            connected += sign;
        }
        talk += sign * call.durationSec();
        byResult.merge(call.result() == null ? DailyTotals.NO_RESULT : call.result(), (long) sign, Long::sum);
    }

    public boolean isZero() {
        return calls == 0 && connected == 0 && talk == 0 && byResult.values().stream().allMatch(n -> n == 0);
    }

    /** Applies the delta to a day, in place. */
    public void applyTo(DailyStats day) {
        day.setCalls(day.getCalls() + calls);
        day.setConnectedCalls(day.getConnectedCalls() + connected);
        day.setTotalTalkSec(day.getTotalTalkSec() + talk);
        Map<String, Long> results = new TreeMap<>(day.getCallsByResult());
        byResult.forEach((result, n) -> {
            long count = results.getOrDefault(result, 0L) + n;
            if (count == 0) {
                results.remove(result);
            } else {
                results.put(result, count);
            }
        });
        day.setCallsByResult(results);
    }
}
