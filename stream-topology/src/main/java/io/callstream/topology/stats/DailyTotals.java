package io.callstream.topology.stats;

import io.callstream.schemas.CallScope;
import io.callstream.schemas.DailyStats;
import java.time.LocalDate;
import java.util.TreeMap;

/**
 * R8's additive figures of one day: calls started, connected, by result, talk time. A call counts in the day of its
 * start, in its type's scope and in {@code all}; a revision subtracts its old figures and adds its new ones.
 */
public final class DailyTotals {

    /** The name {@code callsByResult} gives a record with no result. */
    public static final String NO_RESULT = "open";

    private DailyTotals() {
    }

    /** A day with nothing counted yet: revision 0 (never published). */
    public static DailyStats empty(long sdkAppId, CallScope scope, LocalDate day, StatsZone zone) {
        return DailyStats.newBuilder().setSdkAppId(sdkAppId).setScope(scope).setDay(day.toString()).setZone(zone.id())
                .setCalls(0).setConnectedCalls(0).setCallsByResult(new TreeMap<>()).setParticipants(0)
                .setParticipantsExact(true).setParticipantsSketch(null).setMaxConcurrent(0).setTotalTalkSec(0)
                .setAvgTalkSec(0.0).setRevision(0).build();
    }

    /** Adds ({@code sign} +1) or subtracts (-1) a call's figures to a day it counts in. */
    public static void add(DailyStats day, CallFigures call, int sign) {
        DayDelta delta = new DayDelta();
        delta.add(call, sign);
        delta.applyTo(day);
    }

    /** Whether two figures count the same in every day and scope (so replacing one by the other changes no day). */
    public static boolean sameDay(CallFigures a, CallFigures b, StatsZone zone) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.type() == b.type() && a.connected() == b.connected() && a.durationSec() == b.durationSec()
                && java.util.Objects.equals(a.result(), b.result())
                && java.util.Objects.equals(dayOf(a, zone), dayOf(b, zone));
    }

    /** The day a call counts in; null when its start is unknown. */
    public static LocalDate dayOf(CallFigures f, StatsZone zone) {
        return f.startTs() == null ? null : zone.dayOf(f.startTs());
    }

    /** {@code totalTalkSec / connectedCalls}, 0 when none connected. */
    public static double averageTalk(DailyStats day) {
        return day.getConnectedCalls() == 0 ? 0.0 : (double) day.getTotalTalkSec() / day.getConnectedCalls();
    }
}
