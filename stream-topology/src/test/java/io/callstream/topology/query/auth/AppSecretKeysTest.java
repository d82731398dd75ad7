package io.callstream.topology.query.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callstream.service.Env;
import io.callstream.service.Env.ConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AppSecretKeysTest {

    private static final String KEY_A = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";
    private static final String KEY_B = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    @Test
    void readsOneKeyPerApp() {
        AppSecretKeys keys = AppSecretKeys.parse(" 1400000001:" + KEY_A + " , 1400000002 : " + KEY_B + " ");
        assertThat(keys.apps()).containsExactly(1400000001L, 1400000002L);
        assertThat(keys.keyOf(1400000001L)).isEqualTo(KEY_A);
        assertThat(keys.keyOf(1400000002L)).isEqualTo(KEY_B);
        assertThat(keys.keyOf(1400000003L)).isNull();
    }

    @Test
    void aKeyMayHoldAColon() {
        assertThat(AppSecretKeys.parse("1:a:b").keyOf(1)).isEqualTo("a:b");
    }

    @ParameterizedTest(name = "{index}: {1}")
    @CsvSource(delimiter = '|', value = {
            "''|CALLSTREAM_SECRET_KEYS is empty",
            "'   '|CALLSTREAM_SECRET_KEYS is empty",
            "1400000001:" + KEY_A + ",|entry 2 of 2 is empty: remove the extra comma",
            KEY_A + "|entry 1 of 1 has no ':': write it as <sdkappid>:<secret key>",
            "1400000001:|entry 1 of 1 (sdkappid 1400000001) has an empty secret key",
            "0:" + KEY_A + "|entry 1 of 1 must start with a positive integer sdkappid (got '0') before the ':'",
            "app:" + KEY_A + "|entry 1 of 1 must start with a positive integer sdkappid before the ':'",
            "99999999999999999999:" + KEY_A + "|entry 1 of 1 must start with a positive integer sdkappid (got '99999999999999999999')",
            "1:" + KEY_A + ",1:" + KEY_B + "|entry 2 of 2 repeats sdkappid 1: give each app one key",
    })
    void saysWhichEntryIsWrongWithoutEchoingAKey(String text, String message) {
        assertThatThrownBy(() -> AppSecretKeys.parse(text))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY_A).doesNotContain(KEY_B));
    }

    @Test
    void aKeyPastedBeforeItsAppIsNotEchoed() {
        assertThatThrownBy(() -> AppSecretKeys.parse(KEY_A + ":1400000001"))
                .hasMessageNotContaining(KEY_A).hasMessageContaining("positive integer sdkappid");
    }

    @Test
    void fromTheEnvironmentIsRequiredAndMasked() {
        assertThatThrownBy(() -> AppSecretKeys.from(new Env(Map.of())))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("CALLSTREAM_SECRET_KEYS is not set: set it to <sdkappid>:<secret key>");
        Env env = new Env(Map.of("CALLSTREAM_SECRET_KEYS", "1400000001:" + KEY_A));
        assertThat(AppSecretKeys.from(env).apps()).containsExactly(1400000001L);
        assertThat(env.effective()).containsEntry("CALLSTREAM_SECRET_KEYS", "****");
    }

    @Test
    void toStringNamesTheAppsOnly() {
        assertThat(AppSecretKeys.parse("1400000001:" + KEY_A)).hasToString("AppSecretKeys[1400000001]");
    }
}
