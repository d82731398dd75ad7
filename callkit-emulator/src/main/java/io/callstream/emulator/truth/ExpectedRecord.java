package io.callstream.emulator.truth;

import io.callstream.emulator.call.Callback;
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
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The record a receiver must fold a call's delivered callbacks into, by docs/record-rules.md R3-R6, computed here
 * from the rules and the callbacks alone: this class shares no code with the receiver's fold.
 *
 * <p>Presence is swept second by second (a participant is present in second {@code s} when one of their stretches
 * has {@code start <= s < end}): slower than a sweep over boundaries, and obviously right.
 */
public final class ExpectedRecord {

    /** The first emission of a record is revision 1 (CallRecord.avsc); the normal case emits exactly one (R6). */
    public static final int FIRST_REVISION = 1;

    private static final Comparator<Callback> BY_TIME = Comparator.comparingLong(Callback::eventTime)
            .thenComparing(c -> c.command().wireName()).thenComparing(Callback::userId);

    private ExpectedRecord() {
    }

    /**
     * @param delivered the call's callbacks that reached the receiver; repeats are allowed and count once (R1, R2)
     * @return the record, with {@code closedBy=timeout} when these callbacks never make the call complete (R6: the
     *         receiver then closes it after its idle timeout)
     */
    public static CallRecord of(long sdkAppId, String callId, Collection<Callback> delivered) {
        List<Callback> callbacks = new ArrayList<>(new LinkedHashSet<>(delivered));
        callbacks.sort(BY_TIME);
        if (callbacks.isEmpty()) {
            throw new IllegalArgumentException("no callback of call " + callId + " was delivered: there is no record");
        }

        String caller = first(callbacks.stream().filter(c -> "caller".equals(c.role())), Callback::userId);
        String callType = first(callbacks.stream(), Callback::callType);
        if (callType == null && callbacks.stream().anyMatch(c -> CallbackEvidence.isInvite(c)
                || c.command() == CallbackCommand.JOIN_IN_GROUP_CALL)) {
            callType = "group";
        }
        boolean group = "group".equals(callType);
        long lastEventTime = callbacks.stream().mapToLong(Callback::eventTime).max().orElseThrow();

        Long startCallTs = minOf(Stream.concat(
                callbacks.stream().filter(c -> c.command() == CallbackCommand.CALLER_START_CALL).map(Callback::eventTime),
                callbacks.stream().map(Callback::startCallTs)));
        if (startCallTs == null) {
            startCallTs = callbacks.get(0).eventTime();
        }
        Long acceptTs = minOf(Stream.concat(
                callbacks.stream().filter(c -> CallbackEvidence.ACCEPTED.contains(c.command())).map(Callback::eventTime),
                callbacks.stream().map(Callback::acceptTs)));
        Long endEvidence = maxOf(Stream.concat(
                callbacks.stream().filter(CallbackEvidence::isEnd).map(Callback::eventTime),
                callbacks.stream().map(Callback::endTs)));

        Map<String, List<Stretch>> stretches = stretches(callbacks, caller, acceptTs);
        boolean someoneBesidesCaller = stretches.keySet().stream().anyMatch(u -> !u.equals(caller));
        Optional<CallResult> result = result(callbacks, acceptTs != null, group, someoneBesidesCaller);
        boolean complete;
        if (group && someoneBesidesCaller) {
            boolean everyoneLeft = stretches.values().stream().noneMatch(ExpectedRecord::stillPresent);
            boolean callerStatus = callbacks.stream().anyMatch(c -> c.isStatus()
                    && ("caller".equals(c.role()) || c.userId().equals(caller)));
            complete = everyoneLeft || callerStatus;
        } else {
            complete = result.isPresent();
        }
        Long endTs = complete ? endEvidence : Long.valueOf(lastEventTime);
        long horizon = endTs != null ? endTs : lastEventTime;

        PresenceCount presence = PresenceCount.sweep(stretches, horizon);
        Map<String, String> platforms = new HashMap<>();
        callbacks.forEach(c -> platforms.putIfAbsent(c.userId(), c.platform().name()));
        List<Participant> participants = new ArrayList<>();
        stretches.forEach((user, own) -> participants.add(new Participant(user, own.get(0).start(),
                stillPresent(own) ? null : own.get(own.size() - 1).end(), platforms.get(user),
                presence.secondsInCompany().getOrDefault(user, 0L))));

        long durationSec = acceptTs != null && endTs != null ? Math.max(0, endTs - acceptTs) : 0;
        Set<String> users = new LinkedHashSet<>();
        callbacks.forEach(c -> users.add(c.userId()));
        int totalNum = callbacks.stream().mapToInt(Callback::totalNum).max().orElse(0);
        int distinctCallbacks = (int) callbacks.stream().map(Callback::identity).distinct().count();

        return CallRecord.newBuilder()
                .setSdkAppId(sdkAppId)
                .setCallId(callId)
                .setMediaType(first(callbacks.stream(), Callback::mediaType))
                .setRoomId(first(callbacks.stream(), Callback::roomId))
                .setCallType(callType)
                .setCaller(caller)
                .setCallees(callees(callbacks))
                .setParticipants(participants)
                .setTotalUserNumber(Math.max(totalNum, users.size()))
                .setStartCallTs(startCallTs)
                .setAcceptTs(acceptTs == null ? 0L : acceptTs)
                .setEndTs(endTs)
                .setDurationSec(durationSec)
                .setCallResult(complete ? result.orElseThrow() : result.orElse(CallResult.unknown))
                .setPeakParticipants(group ? presence.peak() : null)
                .setClosedBy(complete ? ClosedBy.complete : ClosedBy.timeout)
                .setRevision(FIRST_REVISION)
                .setEventCount(distinctCallbacks)
                .build();
    }

    /** One stretch of presence, [start, end); end is null while the user has not left. */
    record Stretch(long start, Long end) {
    }

    /**
     * R4: who joined and left when. The caller joins when the call is accepted; a callee joins with accept_call or
     * join_in_group_call; anyone leaves with their end, interruption or status callback. A leave while absent and a
     * join while present change nothing; at the same second a join is taken before a leave.
     */
    private static Map<String, List<Stretch>> stretches(List<Callback> callbacks, String caller, Long acceptTs) {
        record Mark(long time, boolean join) {
        }
        Map<String, List<Mark>> marks = new TreeMap<>();
        if (caller != null && acceptTs != null) {
            marks.computeIfAbsent(caller, u -> new ArrayList<>()).add(new Mark(acceptTs, true));
        }
        for (Callback c : callbacks) {
            if (CallbackEvidence.JOINED.contains(c.command())) {
                marks.computeIfAbsent(c.userId(), u -> new ArrayList<>()).add(new Mark(c.eventTime(), true));
            } else if (CallbackEvidence.isLeave(c)) {
                marks.computeIfAbsent(c.userId(), u -> new ArrayList<>()).add(new Mark(c.eventTime(), false));
            }
        }
        Map<String, List<Stretch>> stretches = new TreeMap<>();
        marks.forEach((user, own) -> {
            own.sort(Comparator.comparingLong(Mark::time).thenComparing(m -> m.join() ? 0 : 1));
            List<Stretch> list = new ArrayList<>();
            Long openedAt = null;
            for (Mark m : own) {
                if (m.join() && openedAt == null) {
                    openedAt = m.time();
                } else if (!m.join() && openedAt != null) {
                    list.add(new Stretch(openedAt, m.time()));
                    openedAt = null;
                }
            }
            if (openedAt != null) {
                list.add(new Stretch(openedAt, null));
            }
            if (!list.isEmpty()) {
                stretches.put(user, list);
            }
        });
        return stretches;
    }

    private static boolean stillPresent(List<Stretch> own) {
        return own.get(own.size() - 1).end() == null;
    }

    /** R5, rule by rule. */
    private static Optional<CallResult> result(List<Callback> callbacks, boolean accepted, boolean group,
                                               boolean someoneBesidesCaller) {
        if (group && someoneBesidesCaller) {
            return Optional.of(CallResult.normal_end); // R5.4
        }
        Optional<CallResult> status = callbacks.stream().filter(Callback::isStatus)
                .map(CallbackEvidence::statusResult)
                .min(Comparator.comparingInt(CallbackEvidence.STATUS_PRECEDENCE::indexOf)); // R5.1
        if (status.isPresent()) {
            return status;
        }
        if (accepted) { // R5.2
            if (callbacks.stream().anyMatch(c -> CallbackEvidence.INTERRUPTED.contains(c.command()))) {
                return Optional.of(CallResult.interrupt);
            }
            if (callbacks.stream().anyMatch(c -> CallbackEvidence.ENDED.contains(c.command()))) {
                return Optional.of(CallResult.normal_end);
            }
            return Optional.empty();
        }
        return CallbackEvidence.NEVER_ACCEPTED.stream() // R5.3, in order
                .filter(rule -> callbacks.stream().anyMatch(c -> rule.getKey().contains(c.command())))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    /** R4 callees: Role callee or named by invite_user, by first EventTime, ties lexical. */
    private static List<String> callees(List<Callback> callbacks) {
        Map<String, Long> firstSeen = new HashMap<>();
        callbacks.stream().filter(c -> "callee".equals(c.role()) || CallbackEvidence.isInvite(c))
                .forEach(c -> firstSeen.merge(c.userId(), c.eventTime(), Math::min));
        return firstSeen.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey)
                .toList();
    }

    private static <T> T first(Stream<Callback> callbacks, Function<Callback, T> value) {
        return callbacks.map(value).filter(Objects::nonNull).findFirst().orElse(null);
    }

    /** Treats 0 as unknown, as the receiver must (§1.2). */
    private static Long minOf(Stream<Long> values) {
        return values.filter(v -> v != null && v != 0).min(Long::compare).orElse(null);
    }

    private static Long maxOf(Stream<Long> values) {
        return values.filter(v -> v != null && v != 0).max(Long::compare).orElse(null);
    }

    /** Per-second presence counts: who was in company (more than one present) for how long, and the peak. */
    private record PresenceCount(Map<String, Long> secondsInCompany, int peak) {

        static PresenceCount sweep(Map<String, List<Stretch>> stretches, long horizon) {
            Map<String, List<long[]>> closed = new TreeMap<>();
            long from = Long.MAX_VALUE;
            long to = Long.MIN_VALUE;
            for (Map.Entry<String, List<Stretch>> e : stretches.entrySet()) {
                List<long[]> own = new ArrayList<>();
                for (Stretch s : e.getValue()) {
                    long end = s.end() != null ? s.end() : Math.max(s.start(), horizon);
                    own.add(new long[] {s.start(), end});
                    from = Math.min(from, s.start());
                    to = Math.max(to, end);
                }
                closed.put(e.getKey(), own);
            }
            Map<String, Long> seconds = new TreeMap<>();
            int peak = closed.isEmpty() ? 0 : 1;
            for (long second = from; second < to; second++) {
                List<String> present = new ArrayList<>();
                for (Map.Entry<String, List<long[]>> e : closed.entrySet()) {
                    long s = second;
                    if (e.getValue().stream().anyMatch(i -> i[0] <= s && s < i[1])) {
                        present.add(e.getKey());
                    }
                }
                peak = Math.max(peak, present.size());
                if (present.size() > 1) {
                    present.forEach(u -> seconds.merge(u, 1L, Long::sum));
                }
            }
            return new PresenceCount(seconds, peak);
        }
    }
}
