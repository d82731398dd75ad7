package io.callstream.topology.record;

import static io.callstream.topology.record.Facts.group;
import static io.callstream.topology.record.Facts.of;
import static io.callstream.topology.record.Facts.withRole;

import io.callstream.schemas.CallResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates calls with a known outcome: the callbacks such a call produces, in the order they happen, and the figures
 * its record must show — computed from the scenario, not by the folder.
 */
public final class CallScenarios {

    public record Scenario(String callId, List<CallFact> facts, CallResult result, boolean complete, String caller,
                    List<String> callees, long acceptTs, Long endTs, long durationSec, int participants) {
    }

    private static final CallResult[] NEVER_ACCEPTED = {CallResult.reject, CallResult.call_busy, CallResult.not_answer,
            CallResult.cancel, CallResult.failed};

    private final Random random;
    private int sequence;

    public CallScenarios(Random random) {
        this.random = random;
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
        return "user-" + random.nextInt(1_000);
    }

    private String other(String user) {
        String other;
        do {
            other = user();
        } while (other.equals(user));
        return other;
    }
}
