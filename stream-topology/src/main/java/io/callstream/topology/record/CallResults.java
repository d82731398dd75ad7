package io.callstream.topology.record;

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
        Optional<CallResult> status = fromStatusCallbacks(facts); // R5.1
        if (status.isPresent()) {
            return status;
        }
        if (accepted) { // R5.2
            if (facts.stream().anyMatch(f -> Evidence.is(f, Evidence.INTERRUPTED))) {
                return Optional.of(CallResult.interrupt);
            }
            if (facts.stream().anyMatch(f -> Evidence.is(f, Evidence.ENDED))) {
                return Optional.of(CallResult.normal_end);
            }
            return Optional.empty();
        }
        for (Rule rule : NEVER_ACCEPTED) { // R5.3
            if (facts.stream().anyMatch(f -> Evidence.is(f, rule.commands()))) {
                return Optional.of(rule.result());
            }
        }
        return Optional.empty();
    }

    private static Optional<CallResult> fromStatusCallbacks(Collection<CallFact> facts) {
        return facts.stream()
                .filter(Evidence::isStatus)
                .map(CallResults::statusResult)
                .flatMap(Optional::stream)
                .min((a, b) -> Integer.compare(STATUS_PRECEDENCE.indexOf(a), STATUS_PRECEDENCE.indexOf(b)));
    }

    /** The body's CallResult, or else the command itself ({@code call_end} reads as normal_end, note N1). */
    private static Optional<CallResult> statusResult(CallFact fact) {
        String value = fact.callResult() != null ? fact.callResult()
                : "call_end".equals(fact.command()) ? "normal_end" : fact.command();
        try {
            CallResult result = CallResult.valueOf(value.toLowerCase(Locale.ROOT));
            return STATUS_PRECEDENCE.contains(result) ? Optional.of(result) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // a result name the protocol does not define
        }
    }
}
