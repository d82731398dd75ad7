package io.callstream.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CallKeyTest {

    @Test
    void formatsAsAppSlashCallId() {
        assertThat(new CallKey(1400000001L, "abc-123")).hasToString("1400000001/abc-123");
    }

    @Test
    void parsesWhatItFormatsEvenWhenTheCallIdHasSlashes() {
        CallKey key = new CallKey(8888888L, "room/42/call");

        assertThat(CallKey.parse(key.toString())).isEqualTo(key);
    }

    @Test
    void sameCallIdInTwoAppsIsTwoCalls() { // R1
        assertThat(new CallKey(1L, "x")).isNotEqualTo(new CallKey(2L, "x"));
    }

    @Test
    void rejectsKeysThatAreNotCallKeys() {
        assertThatThrownBy(() -> CallKey.parse("no-slash")).hasMessageContaining("expected '<sdkAppId>/<callId>'");
        assertThatThrownBy(() -> CallKey.parse("app/x")).hasMessageContaining("sdkAppId is not a number");
        assertThatThrownBy(() -> CallKey.parse("12/")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CallKey(1L, "")).isInstanceOf(IllegalArgumentException.class);
    }
}
