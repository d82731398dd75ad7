package io.callstream.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CallbackCommandTest {

    /** The vendor's list of actions (docs/callback-protocol.md), spelled out here and nowhere else in the code. */
    @Test
    void theDocumentedWireNamesAreTheVendorsTwentyFiveInItsOrder() {
        assertThat(CallbackCommand.documentedWireNames()).containsExactly(
                "cancel", "reject", "not_answer", "normal_end", "call_busy", "interrupt",
                "caller_start_call", "caller_call_accepted", "caller_call_missed", "caller_call_rejected",
                "caller_call_busy", "caller_cancel_call", "caller_call_failed", "caller_call_end",
                "caller_call_interrupted", "callee_receive_call", "callee_accept_call",
                "callee_not_answer_call", "callee_reject_call", "callee_ignore_call",
                "callee_call_canceled", "callee_call_end", "callee_call_interrupted", "invite_user",
                "join_in_group_call");
        assertThat(CallbackCommand.documented()).extracting(CallbackCommand::wireName)
                .isEqualTo(CallbackCommand.documentedWireNames());
    }

    @Test
    void theProtocolHasSixStatusAndNineteenEventCommands() {
        assertThat(CallbackCommand.documented()).hasSize(25);
        assertThat(CallbackCommand.documented().stream().filter(c -> c.kind() == EventKind.status)).hasSize(6);
        assertThat(CallbackCommand.documented().stream().filter(c -> c.kind() == EventKind.event)).hasSize(19);
    }

    @Test
    void callEndIsAStatusSynonymButNotADocumentedAction() { // protocol note N1
        assertThat(CallbackCommand.kindOf("call_end")).isEqualTo(EventKind.status);
        assertThat(CallbackCommand.documented()).doesNotContain(CallbackCommand.CALL_END);
    }

    @Test
    void anythingElseIsUnknown() {
        assertThat(CallbackCommand.kindOf("caller_started_streaming")).isEqualTo(EventKind.unknown);
        assertThat(CallbackCommand.kindOf("NORMAL_END")).as("wire names are case-sensitive").isEqualTo(EventKind.unknown);
        assertThat(CallbackCommand.fromWireName("join_in_group_call")).contains(CallbackCommand.JOIN_IN_GROUP_CALL);
    }
}
