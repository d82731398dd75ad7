package io.callstream.gateway.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callstream.gateway.GatewayConfig;
import io.callstream.service.Env;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The gateway's configuration refuses producer overrides that would break its promise or block its event loops. */
class DurableProducerSettingsTest {

    private static GatewayConfig configWith(String... variables) {
        Map<String, String> env = new HashMap<>();
        env.put("CALLSTREAM_SDKAPPIDS", "1400000001");
        env.put("CALLSTREAM_CALLBACK_TOKEN", "none");
        for (int i = 0; i < variables.length; i += 2) {
            env.put(variables[i], variables[i + 1]);
        }
        return GatewayConfig.from(new Env(env));
    }

    @Test
    void theDefaultsAndOverridesThatKeepThePromiseAreAccepted() {
        assertThat(configWith().producerProperties())
                .containsEntry("acks", "all").containsEntry("enable.idempotence", "true").containsEntry("max.block.ms", "0");
        assertThat(configWith("KAFKA_CLIENT_ACKS", "-1", "KAFKA_CLIENT_ENABLE_IDEMPOTENCE", "TRUE",
                "KAFKA_PRODUCER_MAX_BLOCK_MS", "0", "KAFKA_PRODUCER_LINGER_MS", "5").producerProperties())
                .containsEntry("acks", "-1").containsEntry("linger.ms", "5");
        assertThat(configWith("KAFKA_CLIENT_ACKS", "all").producerProperties()).containsEntry("acks", "all");
        // The producer's own setting wins over the one for every client, for the check as for the producer.
        assertThat(configWith("KAFKA_CLIENT_ACKS", "1", "KAFKA_PRODUCER_ACKS", "all").producerProperties())
                .containsEntry("acks", "all");
        // Other clients' settings are theirs: the admin client has no acks.
        assertThat(configWith("KAFKA_ADMIN_MAX_BLOCK_MS", "60000").producerProperties()).containsEntry("max.block.ms", "0");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
            "KAFKA_CLIENT_ACKS, 1, acks=all",
            "KAFKA_CLIENT_ACKS, 0, acks=all",
            "KAFKA_PRODUCER_ACKS, 1, acks=all",
            "KAFKA_CLIENT_ENABLE_IDEMPOTENCE, false, enable.idempotence=true",
            "KAFKA_PRODUCER_ENABLE_IDEMPOTENCE, no, enable.idempotence=true",
            "KAFKA_CLIENT_MAX_BLOCK_MS, 60000, event loops",
            "KAFKA_CLIENT_MAX_BLOCK_MS, 1, event loops",
            "KAFKA_PRODUCER_MAX_BLOCK_MS, -5, at most 0",
            "KAFKA_CLIENT_MAX_BLOCK_MS, soon, milliseconds",
    })
    void anOverrideThatBreaksThePromiseIsRefusedNamingItsVariable(String variable, String value, String why) {
        assertThatThrownBy(() -> configWith(variable, value))
                .isInstanceOf(Env.ConfigException.class)
                .hasMessageStartingWith(variable + "=" + value + " is refused: ")
                .hasMessageContaining(why);
    }

    @Test
    void theRoleSettingIsNamedWhenItIsTheOneThatBreaks() {
        assertThatThrownBy(() -> configWith("KAFKA_CLIENT_ACKS", "all", "KAFKA_PRODUCER_ACKS", "1"))
                .isInstanceOf(Env.ConfigException.class).hasMessageStartingWith("KAFKA_PRODUCER_ACKS=1 is refused");
    }
}
