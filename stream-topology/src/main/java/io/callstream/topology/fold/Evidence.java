package io.callstream.topology.fold;

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
import static io.callstream.schemas.CallbackCommand.CALLER_START_CALL;
import static io.callstream.schemas.CallbackCommand.INVITE_USER;
import static io.callstream.schemas.CallbackCommand.JOIN_IN_GROUP_CALL;

import io.callstream.schemas.CallbackCommand;
import io.callstream.schemas.EventKind;
import java.util.EnumSet;
import java.util.Set;

/** What each callback is evidence of, per the record rules (docs/record-rules.md, R3-R5). */
final class Evidence {

    /** R3 acceptTs: the call was accepted (or a user joined a group call). */
    static final Set<CallbackCommand> ACCEPT = EnumSet.of(CALLER_CALL_ACCEPTED, CALLEE_ACCEPT_CALL, JOIN_IN_GROUP_CALL);

    /** R4: the user of this callback joined the call. */
    static final Set<CallbackCommand> JOIN = EnumSet.of(CALLEE_ACCEPT_CALL, JOIN_IN_GROUP_CALL);

    /** R4/R6: the user of this callback left the call (status callbacks also count, see {@link #isLeave}). */
    static final Set<CallbackCommand> LEAVE = EnumSet.of(CALLER_CALL_END, CALLEE_CALL_END, CALLER_CALL_INTERRUPTED,
            CALLEE_CALL_INTERRUPTED);

    static final Set<CallbackCommand> INTERRUPTED = EnumSet.of(CALLER_CALL_INTERRUPTED, CALLEE_CALL_INTERRUPTED);
    static final Set<CallbackCommand> ENDED = EnumSet.of(CALLER_CALL_END, CALLEE_CALL_END);

    // R5.3, in its order of precedence.
    static final Set<CallbackCommand> REJECTED = EnumSet.of(CALLEE_REJECT_CALL, CALLER_CALL_REJECTED);
    static final Set<CallbackCommand> BUSY = EnumSet.of(CALLER_CALL_BUSY);
    static final Set<CallbackCommand> NOT_ANSWERED = EnumSet.of(CALLEE_NOT_ANSWER_CALL, CALLER_CALL_MISSED, CALLEE_IGNORE_CALL);
    static final Set<CallbackCommand> CANCELLED = EnumSet.of(CALLER_CANCEL_CALL, CALLEE_CALL_CANCELED);
    static final Set<CallbackCommand> FAILED = EnumSet.of(CALLER_CALL_FAILED);

    /** R3 endTs: the call (or a party's part of it) ended. */
    static final Set<CallbackCommand> END;

    static {
        Set<CallbackCommand> end = EnumSet.copyOf(LEAVE);
        end.addAll(REJECTED);
        end.addAll(BUSY);
        end.addAll(NOT_ANSWERED);
        end.addAll(CANCELLED);
        end.addAll(FAILED);
        END = end;
    }

    static final CallbackCommand START = CALLER_START_CALL;
    static final CallbackCommand INVITE = INVITE_USER;

    private Evidence() {
    }

    /** The fact's command; null for a command this version does not know. Look it up once per fact and pass it on. */
    static CallbackCommand commandOf(CallFact fact) {
        return CallbackCommand.fromWireName(fact.command()).orElse(null);
    }

    static boolean is(CallFact fact, CallbackCommand command) {
        return command.wireName().equals(fact.command());
    }

    static boolean isStatus(CallFact fact) {
        return fact.kind() == EventKind.status;
    }

    /** @param command the fact's {@link #commandOf command} */
    static boolean isLeave(CallFact fact, CallbackCommand command) {
        return LEAVE.contains(command) || isStatus(fact);
    }

    /** @param command the fact's {@link #commandOf command} */
    static boolean isEnd(CallFact fact, CallbackCommand command) {
        return END.contains(command) || isStatus(fact);
    }
}
