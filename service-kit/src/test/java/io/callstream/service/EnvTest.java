package io.callstream.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvTest {

    @Test
    void appliesDefaultsAndParsesValues() {
        Env env = new Env(Map.of("PORT", "9090", "IDS", " 1, 2 ,,3", "T", "250", "FLAG", "yes"));

        assertThat(env.integer("PORT", 8080)).isEqualTo(9090);
        assertThat(env.integer("OTHER_PORT", 8080)).isEqualTo(8080);
        assertThat(env.list("IDS", List.of())).containsExactly("1", "2", "3");
        assertThat(env.millis("T", Duration.ofSeconds(2))).isEqualTo(Duration.ofMillis(250));
        assertThat(env.bool("FLAG", false)).isTrue();
        assertThat(env.string("NAME", "callkit.events")).isEqualTo("callkit.events");
    }

    @Test
    void errorsNameTheVariableAndTheValue() {
        Env env = new Env(Map.of("PORT", "eighty", "LIMIT", "0", "FLAG", "maybe"));

        assertThatThrownBy(() -> env.integer("PORT", 8080)).hasMessage("PORT must be an integer, got 'eighty'");
        assertThatThrownBy(() -> env.positiveInt("LIMIT", 1)).hasMessageContaining("LIMIT must be between 1 and");
        assertThatThrownBy(() -> env.bool("FLAG", true)).hasMessageContaining("FLAG must be true or false");
        assertThatThrownBy(() -> env.required("IDS", "list your SDKAppIDs")).hasMessage("IDS is not set: list your SDKAppIDs");
    }

    @Test
    void effectiveConfigurationMasksSecrets() {
        Env env = new Env(Map.of("CALLSTREAM_CALLBACK_TOKEN", "s3cret", "CALLSTREAM_GATEWAY_PORT", "8080"));
        env.optional("CALLSTREAM_CALLBACK_TOKEN");
        env.integer("CALLSTREAM_GATEWAY_PORT", 1);

        assertThat(env.effective())
                .containsEntry("CALLSTREAM_CALLBACK_TOKEN", "****")
                .containsEntry("CALLSTREAM_GATEWAY_PORT", "8080");
    }
}
