package io.callstream.topology.fold;

import io.callstream.schemas.CallResult;
import io.callstream.schemas.CallbackCommand;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Rule R5: a call's result from its facts, or empty while the facts do not decide it. */
final class CallResults {

    /** R5.1: when status callbacks disagree. */
    private static final List<CallResult> STATUS_PRECEDENCE = List.of(CallResult.interrupt, CallResult.normal_end,
            CallResult.reject, CallResult.call_busy, CallResult.not_answer, CallResult.cancel);

    /** R5.3, in its order. */
    private static final List<Rule> NEVER_ACCEPTED = List.of(
            new Rule(Evidence.REJECTED, CallResult.reject),
            new Rule(Evidence.BUSY, CallResult.call_busy),
            new Rule(Evidence.NOT_ANSWERED, CallResult.not_answer),
            new Rule(Evidence.CANCELLED, CallResult.cancel),
            new Rule(Evidence.FAILED, CallResult.failed));

    private record Rule(Set<CallbackCommand> commands, CallResult result) {
    }

    private CallResults() {
    }

    /**
     * @param accepted              whether the call was ever accepted (R3 acceptTs)
     * @param group                 whether it is a group call
     * @param someoneBesidesCaller  whether anyone other than the caller joined (R4)
     */
    static Optional<CallResult> resultOf(Collection<CallFact> facts, boolean accepted, boolean group,
                                         boolean someoneBesidesCaller) {
        if (group && someoneBesidesCaller) {
            return Optional.of(CallResult.normal_end); // R5.4
        }
        // One pass, each fact's command looked up once: this runs on every callback of an open call.
        CallResult status = null;
        boolean interrupted = false;
        boolean ended = false;
        int neverAccepted = NEVER_ACCEPTED.size(); // the first R5.3 rule any fact matches
        for (CallFact f : facts) {
            if (Evidence.isStatus(f)) {
                CallResult r = statusResult(f);
                if (r != null && (status == null || STATUS_PRECEDENCE.indexOf(r) < STATUS_PRECEDENCE.indexOf(status))) {
                    status = r;
                }
            }
            CallbackCommand command = Evidence.commandOf(f);
            interrupted |= Evidence.INTERRUPTED.contains(command);
            ended |= Evidence.ENDED.contains(command);
            for (int rule = 0; rule < neverAccepted; rule++) {
                if (NEVER_ACCEPTED.get(rule).commands().contains(command)) {
                    neverAccepted = rule;
                }
            }
        }
        if (status != null) { // R5.1
            return Optional.of(status);
        }
        if (accepted) { // R5.2
            return interrupted ? Optional.of(CallResult.interrupt) : ended ? Optional.of(CallResult.normal_end) : Optional.empty();
        }
        return neverAccepted < NEVER_ACCEPTED.size() ? Optional.of(NEVER_ACCEPTED.get(neverAccepted).result()) // R5.3
                : Optional.empty();
    }

    /** The body's CallResult, or else the command itself ({@code call_end} reads as normal_end, note N1); null if neither is one. */
    private static CallResult statusResult(CallFact fact) {
        String value = fact.callResult() != null ? fact.callResult()
                : "call_end".equals(fact.command()) ? "normal_end" : fact.command();
        try {
            CallResult result = CallResult.valueOf(value.toLowerCase(Locale.ROOT));
            return STATUS_PRECEDENCE.contains(result) ? result : null;
        } catch (IllegalArgumentException e) {
            return null; // a result name the protocol does not define
        }
    }
}
