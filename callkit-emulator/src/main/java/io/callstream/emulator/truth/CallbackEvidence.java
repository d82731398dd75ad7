package io.callstream.emulator.truth;

import static io.callstream.schemas.CallbackCommand.CALLEE_ACCEPT_CALL;
import static io.callstream.schemas.CallbackCommand.CALLEE_CALL_CANCELED;
import static io.callstream.schemas.CallbackCommand.CALLEE_CALL_END;
import static io.callstream.schemas.CallbackCommand.CALLEE_CALL_INTERRUPTED;
import static io.callstream.schemas.CallbackCommand.CALLEE_IGNORE_CALL;
import static io.callstream.schemas.CallbackCommand.CALLEE_NOT_ANSWER_CALL;
import static io.callstream.schemas.CallbackCommand.CALLEE_REJECT_CALL;
import static io.callstream.schemas.CallbackCommand.CALLER_CALL_ACCEPTED;
import static io.callstream.schemas.CallbackCommand.CALLER_CALL_BUSY;
import static io.callstream.schemas.CallbackCommand.CALLER_CALL_END;
import static io.callstream.schemas.CallbackCommand.CALLER_CALL_FAILED;
import static io.callstream.schemas.CallbackCommand.CALLER_CALL_INTERRUPTED;
import static io.callstream.schemas.CallbackCommand.CALLER_CALL_MISSED;
import static io.callstream.schemas.CallbackCommand.CALLER_CALL_REJECTED;
import static io.callstream.schemas.CallbackCommand.CALLER_CANCEL_CALL;
import static io.callstream.schemas.CallbackCommand.INVITE_USER;
import static io.callstream.schemas.CallbackCommand.JOIN_IN_GROUP_CALL;

import io.callstream.emulator.call.Callback;
import io.callstream.schemas.CallResult;
import io.callstream.schemas.CallbackCommand;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What each command is evidence of, read straight from docs/record-rules.md (R3-R5). Written here from the rules, not
 * taken from the fold, so that the ground truth is a second, independent reading of them.
 */
final class CallbackEvidence {

    /** R3 acceptTs. */
    static final Set<CallbackCommand> ACCEPTED = EnumSet.of(CALLER_CALL_ACCEPTED, CALLEE_ACCEPT_CALL, JOIN_IN_GROUP_CALL);
    /** R4: "a callee with accept_call or join_in_group_call" joined. */
    static final Set<CallbackCommand> JOINED = EnumSet.of(CALLEE_ACCEPT_CALL, JOIN_IN_GROUP_CALL);
    /** A user's own end of the call: their end or interruption (status callbacks count too: the caller's end). */
    static final Set<CallbackCommand> LEFT = EnumSet.of(CALLER_CALL_END, CALLEE_CALL_END, CALLER_CALL_INTERRUPTED,
            CALLEE_CALL_INTERRUPTED);
    static final Set<CallbackCommand> INTERRUPTED = EnumSet.of(CALLER_CALL_INTERRUPTED, CALLEE_CALL_INTERRUPTED);
    static final Set<CallbackCommand> ENDED = EnumSet.of(CALLER_CALL_END, CALLEE_CALL_END);

    /** R5.3, in its order. */
    static final List<Map.Entry<Set<CallbackCommand>, CallResult>> NEVER_ACCEPTED = List.of(
            Map.entry(EnumSet.of(CALLEE_REJECT_CALL, CALLER_CALL_REJECTED), CallResult.reject),
            Map.entry(EnumSet.of(CALLER_CALL_BUSY), CallResult.call_busy),
            Map.entry(EnumSet.of(CALLEE_NOT_ANSWER_CALL, CALLER_CALL_MISSED, CALLEE_IGNORE_CALL), CallResult.not_answer),
            Map.entry(EnumSet.of(CALLER_CANCEL_CALL, CALLEE_CALL_CANCELED), CallResult.cancel),
            Map.entry(EnumSet.of(CALLER_CALL_FAILED), CallResult.failed));

    /** R5.1 precedence when status callbacks disagree. */
    static final List<CallResult> STATUS_PRECEDENCE = List.of(CallResult.interrupt, CallResult.normal_end,
            CallResult.reject, CallResult.call_busy, CallResult.not_answer, CallResult.cancel);

    private CallbackEvidence() {
    }

    /** R3 endTs: "*_call_end, *_call_interrupted, status callbacks, the other terminal events of R5". */
    static boolean isEnd(Callback c) {
        return c.isStatus() || LEFT.contains(c.command())
                || NEVER_ACCEPTED.stream().anyMatch(e -> e.getKey().contains(c.command()));
    }

    static boolean isLeave(Callback c) {
        return c.isStatus() || LEFT.contains(c.command());
    }

    static boolean isInvite(Callback c) {
        return c.command() == INVITE_USER;
    }

    /** The status callback's result: its CallResult, or else its command ({@code call_end} is normal_end, N1). */
    static CallResult statusResult(Callback c) {
        String name = !c.callResult().isEmpty() ? c.callResult()
                : c.command() == CallbackCommand.CALL_END ? "normal_end" : c.command().wireName();
        return CallResult.valueOf(name);
    }
}
