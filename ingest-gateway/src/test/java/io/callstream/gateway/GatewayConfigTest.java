package io.callstream.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callstream.service.Env;
import io.callstream.service.http.ServerLimits;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewayConfigTest {

    private static GatewayConfig read(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of("CALLSTREAM_SDKAPPIDS", "1400000001"));
        env.putAll(extra);
        return GatewayConfig.from(new Env(env));
    }

    @Test
    void theGatewayNeedsATokenOrAnExplicitNone() {
        assertThatThrownBy(() -> read(Map.of())).isInstanceOf(Env.ConfigException.class)
                .hasMessageContaining("CALLSTREAM_CALLBACK_TOKEN").hasMessageContaining("none");
        assertThat(read(Map.of("CALLSTREAM_CALLBACK_TOKEN", "none")).callbackTokens().required()).isFalse();
        assertThat(read(Map.of("CALLSTREAM_CALLBACK_TOKEN", "0123456789abcdef")).callbackTokens().required()).isTrue();
    }

    @Test
    void theServerLimitsHaveDocumentedDefaultsAndCanBeSet() {
        ServerLimits defaults = read(Map.of("CALLSTREAM_CALLBACK_TOKEN", "none")).serverLimits();
        assertThat(defaults).isEqualTo(new ServerLimits(Duration.ofSeconds(60), Duration.ofSeconds(10), 4096, 8192, 4096));

        ServerLimits set = read(Map.of("CALLSTREAM_CALLBACK_TOKEN", "none", "CALLSTREAM_GATEWAY_IDLE_TIMEOUT_MS", "30000",
                "CALLSTREAM_GATEWAY_REQUEST_READ_TIMEOUT_MS", "5000", "CALLSTREAM_GATEWAY_MAX_CONNECTIONS", "100",
                "CALLSTREAM_GATEWAY_MAX_HEADER_BYTES", "4096", "CALLSTREAM_GATEWAY_MAX_LINE_BYTES", "2048")).serverLimits();
        assertThat(set).isEqualTo(new ServerLimits(Duration.ofSeconds(30), Duration.ofSeconds(5), 100, 4096, 2048));

        assertThatThrownBy(() -> read(Map.of("CALLSTREAM_CALLBACK_TOKEN", "none", "CALLSTREAM_GATEWAY_IDLE_TIMEOUT_MS", "0")))
                .hasMessageContaining("CALLSTREAM_GATEWAY_IDLE_TIMEOUT_MS");
        assertThatThrownBy(() -> read(Map.of("CALLSTREAM_CALLBACK_TOKEN", "none", "CALLSTREAM_GATEWAY_MAX_CONNECTIONS", "0")))
                .hasMessageContaining("CALLSTREAM_GATEWAY_MAX_CONNECTIONS");
        assertThatThrownBy(() -> read(Map.of("CALLSTREAM_CALLBACK_TOKEN", "none",
                "CALLSTREAM_GATEWAY_MAX_INITIAL_LINE_BYTES", "2048")))
                .as("a renamed variable is not silently ignored").hasMessageContaining("CALLSTREAM_GATEWAY_MAX_LINE_BYTES");
    }

    @Test
    void theShutdownRefuseWindowHasADocumentedDefaultAndCanBeSetOrTurnedOff() {
        assertThat(read(Map.of("CALLSTREAM_CALLBACK_TOKEN", "none")).shutdownRefuseWindow()).isEqualTo(Duration.ofMillis(500));
        assertThat(read(Map.of("CALLSTREAM_CALLBACK_TOKEN", "none", "CALLSTREAM_SHUTDOWN_REFUSE_MS", "0"))
                .shutdownRefuseWindow()).isZero();
        assertThatThrownBy(() -> read(Map.of("CALLSTREAM_CALLBACK_TOKEN", "none", "CALLSTREAM_SHUTDOWN_REFUSE_MS", "-1")))
                .hasMessageContaining("CALLSTREAM_SHUTDOWN_REFUSE_MS");
    }
}
