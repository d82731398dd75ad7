package io.callstream.topology.fold;

import io.callstream.schemas.CallRecord;
import io.callstream.schemas.CallResult;
import io.callstream.schemas.CallbackCommand;
import io.callstream.schemas.ClosedBy;
import io.callstream.schemas.Participant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Folds the facts of one call into its record (docs/record-rules.md, R2-R6).
 *
 * <p>The input is a set: {@link #fold} first reduces any collection of facts to its distinct, sorted facts, so the
 * order they arrived in and how often each arrived cannot matter (R2). Every field of the record is then a pure
 * function of that set: a min, a max, a set union, or a choice with a fixed tie-break.
 */
public final class CallRecordFolder {


    private CallRecordFolder() {
    }

    /**
     * @param record    the record (revision 0: the caller numbers emissions)
     * @param complete  R6: the facts decide the call (its record can be emitted after the settle delay)
     * @param anomalies how many inconsistencies were clamped (R3: a negative duration)
     */
    public record Folded(CallRecord record, boolean complete, int anomalies) {
    }

    /**
     * @param timedOut whether the call was closed by the idle timeout (R6); changes endTs, result and closedBy
     */
    public static Folded fold(long sdkAppId, String callId, Collection<CallFact> facts, boolean timedOut) {
        SortedSet<CallFact> set = new TreeSet<>(facts);
        Decision d = decide(set, timedOut, true);
        String caller = d.caller();
        String callType = d.callType();
        boolean group = d.group();
        Long acceptTs = d.acceptTs();
        boolean accepted = acceptTs != null;
        Long endTs = d.endTs();
        PresenceSweep.Result presence = d.presence();
        boolean complete = d.complete();
        Optional<CallResult> result = d.result();
        // One pass for the plain aggregates (R2 tie-break: the first value in the facts' order wins).
        Long startCallTs = null;
        Long firstEventTime = null;
        String mediaType = null;
        String roomId = null;
        Set<String> users = new TreeSet<>();
        Map<String, String> platforms = new HashMap<>();
        Integer totalNum = null;
        int eventCount = 0;
        CallFact previous = null;
        for (CallFact f : set) {
            if (Evidence.is(f, Evidence.START)) {
                startCallTs = minOf(startCallTs, f.eventTime());
            }
            startCallTs = minOf(startCallTs, f.startCallTs());
            firstEventTime = minOf(firstEventTime, f.eventTime());
            mediaType = mediaType != null ? mediaType : f.mediaType();
            roomId = roomId != null ? roomId : f.roomId();
            if (f.userId() != null) {
                users.add(f.userId());
                if (f.platform() != null) {
                    platforms.putIfAbsent(f.userId(), f.platform());
                }
            }
            if (f.totalNum() != null) {
                totalNum = totalNum == null ? f.totalNum() : Math.max(totalNum, f.totalNum());
            }
            if (previous == null || !f.sameIdentity(previous)) { // one identity's facts are neighbours in this order
                eventCount++;
            }
            previous = f;
        }
        if (startCallTs == null) {
            startCallTs = firstEventTime;
        }
        if (timedOut && result.isEmpty()) {
            result = Optional.of(CallResult.unknown);
        }

        int anomalies = 0;
        long durationSec = 0;
        if (accepted && endTs != null) {
            durationSec = endTs - acceptTs;
            if (durationSec < 0) {
                durationSec = 0;
                anomalies++;
            }
        }

        List<Participant> participants = new ArrayList<>();
        presence.participants().forEach((user, p) -> participants.add(
                new Participant(user, p.joinTs(), p.leaveTs(), platforms.get(user), p.durationSec())));

        // The all-args constructor: Avro's builder validates and copies every field, which the fold cannot afford
        // once per event.
        CallRecord record = new CallRecord(sdkAppId, callId,
                mediaType,
                roomId,
                callType,
                caller,
                callees(set),
                participants,
                Math.max(totalNum == null ? 0 : totalNum, users.size()),
                startCallTs,
                accepted ? acceptTs : 0L,
                endTs,
                durationSec,
                result.orElse(null),
                group ? presence.peak() : null,
                complete ? ClosedBy.complete : timedOut ? ClosedBy.timeout : null,
                0,
                eventCount);
        return new Folded(record, complete, anomalies);
    }

    /**
     * R6: whether the facts decide the call, exactly as {@link #fold} would say, for less: the record is not built and,
     * for a 1v1 call, presence is not swept. The fold's processor asks this on every callback of an open call.
     */
    public static boolean isComplete(SortedSet<CallFact> facts) {
        return decide(facts, false, false).complete();
    }

    /**
     * What the fold's processor asks on every callback of an open call (R6, R7), for the price of {@link #isComplete}.
     *
     * @param callType single, group or null, as the record would say
     * @param acceptTs null while the call was not accepted
     * @param endTs    null while no end is known
     */
    public record Progress(boolean complete, String callType, Long acceptTs, Long endTs) {
    }

    public static Progress progress(SortedSet<CallFact> facts) {
        Decision d = decide(facts, false, false);
        return new Progress(d.complete(), d.callType(), d.acceptTs(), d.endTs());
    }

    /** What decides the call's fate (R3-R6); shared by {@link #fold} and {@link #isComplete} so they cannot disagree. */
    private record Decision(String caller, String callType, boolean group, Long acceptTs, Long endTs,
                            PresenceSweep.Result presence, Optional<CallResult> result, boolean complete) {
    }

    /** @param withPresence sweep presence even when the decision does not need it (a 1v1 call), for the record */
    private static Decision decide(SortedSet<CallFact> set, boolean timedOut, boolean withPresence) {
        // One pass over the facts (in their order, so "first" is the R2 tie-break); this runs on every callback.
        String caller = null;
        String callType = null;
        boolean invitesOrJoins = false;
        Long acceptTs = null;
        Long maxEventTime = null;
        Long maxEnd = null;
        for (CallFact f : set) {
            Long time = f.eventTime();
            CallbackCommand command = Evidence.commandOf(f);
            if (caller == null && f.userId() != null && "caller".equals(f.role())) {
                caller = f.userId();
            }
            if (callType == null) {
                callType = f.callType();
            }
            invitesOrJoins |= command == Evidence.INVITE || Evidence.JOIN.contains(command);
            acceptTs = minOf(acceptTs, f.acceptTs());
            if (time != null) {
                maxEventTime = maxOf(maxEventTime, time);
                if (Evidence.ACCEPT.contains(command)) {
                    acceptTs = minOf(acceptTs, time); // R3
                }
                if (Evidence.isEnd(f, command)) {
                    maxEnd = maxOf(maxEnd, time);
                }
            }
            maxEnd = maxOf(maxEnd, f.endTs());
        }
        if (callType == null && invitesOrJoins) {
            callType = "group"; // only group calls have invitations and joins
        }
        boolean group = "group".equals(callType);
        boolean accepted = acceptTs != null;
        Long endTs = timedOut ? maxEventTime : maxEnd;
        String callerId = caller;

        // R4 people: only a group call's completeness depends on who is present.
        PresenceSweep.Result presence = null;
        boolean someoneBesidesCaller = false;
        if (group || withPresence) {
            Map<String, List<PresenceSweep.Mark>> marks = marks(set, caller, acceptTs);
            long horizon = endTs != null ? endTs : Optional.ofNullable(maxEventTime).orElse(0L);
            presence = withPresence ? PresenceSweep.sweep(marks, horizon) : PresenceSweep.stays(marks, horizon);
            for (String user : presence.participants().keySet()) {
                someoneBesidesCaller |= !user.equals(callerId);
            }
        }

        // R5 result, R6 completeness.
        Optional<CallResult> result = CallResults.resultOf(set, accepted, group, someoneBesidesCaller);
        boolean complete;
        if (group && someoneBesidesCaller) {
            boolean everyoneLeft = true;
            for (PresenceSweep.Presence p : presence.participants().values()) {
                everyoneLeft &= p.leaveTs() != null;
            }
            boolean callerStatus = false;
            for (CallFact f : set) {
                callerStatus |= Evidence.isStatus(f) && ("caller".equals(f.role()) || (callerId != null && callerId.equals(f.userId())));
            }
            complete = everyoneLeft || callerStatus;
        } else {
            complete = result.isPresent();
        }
        return new Decision(caller, callType, group, acceptTs, endTs, presence, result, complete);
    }

    /** Join and leave marks per user: the caller joins when the call is accepted (R4). */
    private static Map<String, List<PresenceSweep.Mark>> marks(Collection<CallFact> facts, String caller, Long acceptTs) {
        Map<String, List<PresenceSweep.Mark>> marks = new HashMap<>();
        if (caller != null && acceptTs != null) {
            marks.computeIfAbsent(caller, u -> new ArrayList<>()).add(new PresenceSweep.Mark(acceptTs, true));
        }
        for (CallFact f : facts) {
            if (f.userId() == null || f.eventTime() == null) {
                continue;
            }
            CallbackCommand command = Evidence.commandOf(f);
            if (Evidence.JOIN.contains(command)) {
                marks.computeIfAbsent(f.userId(), u -> new ArrayList<>()).add(new PresenceSweep.Mark(f.eventTime(), true));
            } else if (Evidence.isLeave(f, command)) {
                marks.computeIfAbsent(f.userId(), u -> new ArrayList<>()).add(new PresenceSweep.Mark(f.eventTime(), false));
            }
        }
        return marks;
    }

    /** R4: callees and invited users, in order of first EventTime, ties lexical. */
    private static List<String> callees(SortedSet<CallFact> facts) {
        LinkedHashSet<String> callees = new LinkedHashSet<>();
        facts.stream()
                .filter(f -> f.userId() != null && ("callee".equals(f.role()) || Evidence.is(f, Evidence.INVITE)))
                .sorted(Comparator.comparing(CallFact::eventTime, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(CallFact::userId))
                .forEach(f -> callees.add(f.userId()));
        return List.copyOf(callees);
    }

    private static Long minOf(Long a, Long b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return a <= b ? a : b;
    }

    private static Long maxOf(Long a, Long b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return a >= b ? a : b;
    }
}
