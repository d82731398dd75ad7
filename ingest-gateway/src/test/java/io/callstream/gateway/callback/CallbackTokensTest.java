package io.callstream.gateway.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callstream.service.Env;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallbackTokensTest {

    private static CallbackTokens read(String value) {
        return CallbackTokens.from(new Env(Map.of("CALLSTREAM_CALLBACK_TOKEN", value)));
    }

    @Test
    void withoutATokenTheGatewayRefusesToStartNamingTheVariableAndTheOptOut() {
        for (Map<String, String> env : java.util.List.of(Map.<String, String>of(), Map.of("CALLSTREAM_CALLBACK_TOKEN", "  "))) {
            assertThatThrownBy(() -> CallbackTokens.from(new Env(env)))
                    .isInstanceOf(Env.ConfigException.class)
                    .hasMessageStartingWith("CALLSTREAM_CALLBACK_TOKEN is not set")
                    .hasMessageContaining("CALLSTREAM_CALLBACK_TOKEN=none");
        }
    }

    @Test
    void noneIsTheExplicitOptOut() {
        CallbackTokens none = read("none");
        assertThat(none.required()).isFalse();
        assertThat(none.current()).isEmpty();
        assertThat(read("NONE").required()).isFalse();
    }

    @Test
    void twoTokensAreAcceptedDuringARotationTheFirstBeingCurrent() {
        CallbackTokens tokens = read(" new-token-0123456789 , old-token-0123456789 ");
        assertThat(tokens.required()).isTrue();
        assertThat(tokens.current()).contains("new-token-0123456789");
        assertThat(tokens.accepts("new-token-0123456789")).isTrue();
        assertThat(tokens.accepts("old-token-0123456789")).isTrue();
        assertThat(tokens.accepts("new-token-012345678")).isFalse();
        assertThat(tokens.accepts("new-token-0123456789,old-token-0123456789")).isFalse();
        assertThat(tokens.accepts("")).isFalse();
        assertThat(tokens.accepts(null)).isFalse();
        assertThat(tokens.toString()).doesNotContain("token-0123456789");
    }

    @Test
    void weakOrMalformedTokensAreRefusedWithoutShowingThem() {
        assertThatThrownBy(() -> read("short-secret")).hasMessageContaining("at least 16 characters").hasMessageNotContaining("short-secret");
        assertThatThrownBy(() -> read("has/a/slash/0123456789")).hasMessageContaining("letters, digits").hasMessageNotContaining("slash");
        assertThatThrownBy(() -> read("a-0123456789abcdef,b-0123456789abcdef,c-0123456789abcdef")).hasMessageContaining("two");
        assertThatThrownBy(() -> read("none,a-0123456789abcdef")).hasMessageContaining("cannot be combined");
    }
}
