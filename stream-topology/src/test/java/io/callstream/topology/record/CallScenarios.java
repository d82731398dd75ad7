package io.callstream.topology.record;

import static io.callstream.topology.record.Facts.group;
import static io.callstream.topology.record.Facts.of;
import static io.callstream.topology.record.Facts.withRole;

import io.callstream.schemas.CallResult;
import io.callstream.topology.fold.CallFact;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Generates calls with a known outcome: the callbacks such a call produces, in the order they happen, and the figures
 * its record must show — computed from the scenario, not by the folder. Calls start within a million seconds after
 * 1,763,000,000 (November 2025); {@link Scenario#startingAt} moves one elsewhere in time.
 */
public final class CallScenarios {

    public record Scenario(String callId, List<CallFact> facts, CallResult result, boolean complete, String caller,
                    List<String> callees, long acceptTs, Long endTs, long durationSec, int participants) {

        /** When the call starts: its earliest callback's event time (every scenario opens with caller_start_call). */
        public long startTs() {
            return facts.stream().map(CallFact::eventTime).filter(t -> t != null).mapToLong(Long::longValue).min().orElseThrow();
        }

        /**
         * The same call moved in time so that it starts at {@code epochSecond}: every fact's event time and its
         * non-null start/accept/end timestamps, and the expected accept and end times, shift by the same delta.
         */
        public Scenario startingAt(long epochSecond) {
            return shiftedBy(epochSecond - startTs());
        }

        /** The same call, every timestamp moved by {@code seconds}. */
        public Scenario shiftedBy(long by) {
            List<CallFact> shifted = facts.stream().map(f -> new CallFact(f.command(), f.kind(), f.userId(), f.role(), f.event(),
                    f.callResult(), plus(f.eventTime(), by), plus(f.startCallTs(), by), plus(f.acceptTs(), by),
                    plus(f.endTs(), by), f.totalNum(), f.mediaType(), f.callType(), f.roomId(), f.platform())).toList();
            return new Scenario(callId, shifted, result, complete, caller, callees, acceptTs == 0 ? 0L : acceptTs + by,
                    plus(endTs, by), durationSec, participants);
        }

        private static Long plus(Long time, long by) {
            return time == null ? null : time + by;
        }
    }

    private static final CallResult[] NEVER_ACCEPTED = {CallResult.reject, CallResult.call_busy, CallResult.not_answer,
            CallResult.cancel, CallResult.failed};

    /** The users of {@link #CallScenarios(Random)}: user-0 to user-999. */
    private static final List<String> DEFAULT_USERS = IntStream.range(0, 1_000).mapToObj(i -> "user-" + i).toList();

    private final Random random;
    private final List<String> users;
    private int sequence;

    /** Callers and 1v1 callees drawn from user-0 to user-999. */
    public CallScenarios(Random random) {
        this(random, DEFAULT_USERS);
    }

    /** Callers and 1v1 callees drawn from {@code users} (at least two); group callees are named after their caller. */
    public CallScenarios(Random random, List<String> users) {
        if (users.stream().distinct().count() < 2) {
            throw new IllegalArgumentException("a 1v1 call needs two distinct users");
        }
        this.random = random;
        this.users = List.copyOf(users);
    }

    public Scenario next() {
        int kind = random.nextInt(10);
        return kind < 4 ? connected1v1() : kind < 7 ? unanswered1v1() : kind < 9 ? connectedGroup() : stillOpen();
    }

    private Scenario connected1v1() {
        String id = "c" + (++sequence);
        String caller = user();
        String callee = other(caller);
        long t = 1_763_000_000L + random.nextInt(1_000_000);
        long accept = t + 1 + random.nextInt(20);
        long end = accept + random.nextInt(600);
        boolean interrupted = random.nextInt(5) == 0;
        List<CallFact> facts = new ArrayList<>(List.of(of("caller_start_call", caller, t), of("callee_receive_call", callee, t + 1),
                of("callee_accept_call", callee, accept), of("caller_call_accepted", caller, accept)));
        if (interrupted) {
            facts.add(of("caller_call_interrupted", caller, end));
            facts.add(of("callee_call_interrupted", callee, end));
        } else {
            facts.add(of("caller_call_end", caller, end));
            facts.add(of("callee_call_end", callee, end));
        }
        CallResult result = interrupted ? CallResult.interrupt : CallResult.normal_end;
        if (random.nextBoolean()) { // the app subscribed to status callbacks
            facts.add(withRole(of(result.name(), caller, end), "caller"));
        }
        return new Scenario(id, facts, result, true, caller, List.of(callee), accept, end, end - accept, 2);
    }

    private Scenario unanswered1v1() {
        String id = "u" + (++sequence);
        String caller = user();
        String callee = other(caller);
        long t = 1_763_000_000L + random.nextInt(1_000_000);
        long end = t + 2 + random.nextInt(40);
        CallResult result = NEVER_ACCEPTED[random.nextInt(NEVER_ACCEPTED.length)];
        List<CallFact> facts = new ArrayList<>(List.of(of("caller_start_call", caller, t)));
        if (result != CallResult.failed) {
            facts.add(of("callee_receive_call", callee, t + 1));
        }
        switch (result) {
            case reject -> facts.addAll(List.of(of("callee_reject_call", callee, end), of("caller_call_rejected", caller, end)));
            case call_busy -> facts.add(of("caller_call_busy", caller, end));
            case not_answer -> facts.addAll(List.of(of(random.nextBoolean() ? "callee_not_answer_call" : "callee_ignore_call", callee, end),
                    of("caller_call_missed", caller, end)));
            case cancel -> facts.addAll(List.of(of("caller_cancel_call", caller, end), of("callee_call_canceled", callee, end)));
            default -> facts.add(of("caller_call_failed", caller, end));
        }
        List<String> callees = result == CallResult.failed ? List.of() : List.of(callee);
        if (result == CallResult.failed && random.nextBoolean()) {
            // nothing else happens to a call that failed to start
        } else if (random.nextBoolean() && result != CallResult.failed) {
            facts.add(withRole(of(result.name(), caller, end), "caller"));
        }
        return new Scenario(id, facts, result, true, caller, callees, 0L, end, 0L, 0);
    }

    private Scenario connectedGroup() {
        String id = "g" + (++sequence);
        String caller = user();
        long t = 1_763_000_000L + random.nextInt(1_000_000);
        long accept = t + 2 + random.nextInt(10);
        int invited = 2 + random.nextInt(4);
        List<CallFact> facts = new ArrayList<>(List.of(group("caller_start_call", caller, t), group("caller_call_accepted", caller, accept)));
        List<String> callees = new ArrayList<>();
        long end = accept;
        for (int i = 0; i < invited; i++) {
            String callee = caller + "-m" + i;
            callees.add(callee);
            facts.add(group("callee_receive_call", callee, t + 1));
            long join = accept + (i == 0 ? 0 : random.nextInt(30));
            long leave = join + 1 + random.nextInt(300);
            facts.add(group(i == 0 ? "callee_accept_call" : "join_in_group_call", callee, join));
            facts.add(group("callee_call_end", callee, leave));
            end = Math.max(end, leave);
        }
        end += 1 + random.nextInt(5);
        facts.add(group("caller_call_end", caller, end));
        callees.sort(String::compareTo); // all received at t + 1: ties are lexical
        return new Scenario(id, facts, CallResult.normal_end, true, caller, callees, accept, end, end - accept, invited + 1);
    }

    /** Accepted and never ended: open until the idle timeout. */
    private Scenario stillOpen() {
        String id = "o" + (++sequence);
        String caller = user();
        String callee = other(caller);
        long t = 1_763_000_000L + random.nextInt(1_000_000);
        List<CallFact> facts = List.of(of("caller_start_call", caller, t), of("callee_receive_call", callee, t + 1),
                of("callee_accept_call", callee, t + 3));
        return new Scenario(id, facts, null, false, caller, List.of(callee), t + 3, null, 0L, 2);
    }

    private String user() {
        return users.get(random.nextInt(users.size()));
    }

    private String other(String user) {
        String other;
        do {
            other = user();
        } while (other.equals(user));
        return other;
    }
}
