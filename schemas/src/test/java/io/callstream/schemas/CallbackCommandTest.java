package io.callstream.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CallbackCommandTest {

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
