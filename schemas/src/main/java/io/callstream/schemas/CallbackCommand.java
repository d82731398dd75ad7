package io.callstream.schemas;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The 25 callback commands of the TUICallKit protocol (docs/callback-protocol.md), plus {@code call_end}, which the
 * vendor's own status-callback example uses and which we read as {@code normal_end} (protocol note N1).
 */
public enum CallbackCommand {

    // Status callbacks: the call ended; the body carries CallResult.
    CANCEL("cancel", EventKind.status),
    REJECT("reject", EventKind.status),
    NOT_ANSWER("not_answer", EventKind.status),
    NORMAL_END("normal_end", EventKind.status),
    CALL_BUSY("call_busy", EventKind.status),
    INTERRUPT("interrupt", EventKind.status),
    /** Not in the command list, but in the vendor's example URL of a status callback: a synonym of normal_end. */
    CALL_END("call_end", EventKind.status),

    // Event callbacks: the body's Event is the command without its role prefix.
    CALLER_START_CALL("caller_start_call", EventKind.event),
    CALLER_CALL_ACCEPTED("caller_call_accepted", EventKind.event),
    CALLER_CALL_MISSED("caller_call_missed", EventKind.event),
    CALLER_CALL_REJECTED("caller_call_rejected", EventKind.event),
    CALLER_CALL_BUSY("caller_call_busy", EventKind.event),
    CALLER_CANCEL_CALL("caller_cancel_call", EventKind.event),
    CALLER_CALL_FAILED("caller_call_failed", EventKind.event),
    CALLER_CALL_END("caller_call_end", EventKind.event),
    CALLER_CALL_INTERRUPTED("caller_call_interrupted", EventKind.event),
    CALLEE_RECEIVE_CALL("callee_receive_call", EventKind.event),
    CALLEE_ACCEPT_CALL("callee_accept_call", EventKind.event),
    CALLEE_NOT_ANSWER_CALL("callee_not_answer_call", EventKind.event),
    CALLEE_REJECT_CALL("callee_reject_call", EventKind.event),
    CALLEE_IGNORE_CALL("callee_ignore_call", EventKind.event),
    CALLEE_CALL_CANCELED("callee_call_canceled", EventKind.event),
    CALLEE_CALL_END("callee_call_end", EventKind.event),
    CALLEE_CALL_INTERRUPTED("callee_call_interrupted", EventKind.event),
    INVITE_USER("invite_user", EventKind.event),
    JOIN_IN_GROUP_CALL("join_in_group_call", EventKind.event);

    private static final Map<String, CallbackCommand> BY_WIRE_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(CallbackCommand::wireName, Function.identity()));
    private static final List<CallbackCommand> DOCUMENTED = Arrays.stream(values()).filter(c -> c != CALL_END).toList();
    private static final List<String> DOCUMENTED_WIRE_NAMES = DOCUMENTED.stream().map(CallbackCommand::wireName).toList();

    private final String wireName;
    private final EventKind kind;

    CallbackCommand(String wireName, EventKind kind) {
        this.wireName = wireName;
        this.kind = kind;
    }

    /** The value of the {@code command} query parameter. */
    public String wireName() {
        return wireName;
    }

    public EventKind kind() {
        return kind;
    }

    /** The command with this wire name; empty for a command this version does not know. */
    public static Optional<CallbackCommand> fromWireName(String name) {
        return Optional.ofNullable(BY_WIRE_NAME.get(name));
    }

    /** The family of a wire name: event, status, or unknown. */
    public static EventKind kindOf(String name) {
        return fromWireName(name).map(CallbackCommand::kind).orElse(EventKind.unknown);
    }

    /** The vendor's documented commands: the 25 that a callback configuration's {@code actions} may name. */
    public static List<CallbackCommand> documented() {
        return DOCUMENTED;
    }

    /**
     * The wire names of the {@linkplain #documented() documented commands}, in the protocol's order: the
     * {@code actions} of a callback configuration that wants every callback.
     */
    public static List<String> documentedWireNames() {
        return DOCUMENTED_WIRE_NAMES;
    }
}
