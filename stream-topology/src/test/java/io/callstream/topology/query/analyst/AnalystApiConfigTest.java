package io.callstream.topology.query.analyst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callstream.service.Env;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnalystApiConfigTest {

    @Test
    void defaults() {
        assertThat(AnalystApiConfig.from(new Env(Map.of()), AnalystApiConfig.DEFAULT_RETENTION,
                AnalystApiConfig.DEFAULT_STATS_RETENTION))
                .isEqualTo(new AnalystApiConfig(200, Duration.ofDays(90), Duration.ofSeconds(10), Duration.ofDays(365)))
                .isEqualTo(AnalystApiConfig.defaults());
    }

    @Test
    void fromTheEnvironment() {
        assertThat(AnalystApiConfig.from(new Env(Map.of("CALLSTREAM_RATE_ANALYST", "50",
                "CALLSTREAM_ANALYST_API_TIMEOUT_MS", "2500")), Duration.ofDays(30), Duration.ofDays(60)))
                .isEqualTo(new AnalystApiConfig(50, Duration.ofDays(30), Duration.ofMillis(2500), Duration.ofDays(60)));
    }

    @Test
    void refusesWhatCannotWork() {
        Duration retention = AnalystApiConfig.DEFAULT_RETENTION;
        assertThatThrownBy(() -> AnalystApiConfig.from(new Env(Map.of("CALLSTREAM_RATE_ANALYST", "0")), retention, retention))
                .isInstanceOf(Env.ConfigException.class).hasMessageContaining("CALLSTREAM_RATE_ANALYST");
        assertThatThrownBy(() -> AnalystApiConfig.from(new Env(Map.of()), Duration.ofMillis(10), retention))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retention");
        assertThatThrownBy(() -> AnalystApiConfig.from(new Env(Map.of("CALLSTREAM_ANALYST_API_TIMEOUT_MS", "x")),
                retention, retention))
                .isInstanceOf(Env.ConfigException.class).hasMessageContaining("CALLSTREAM_ANALYST_API_TIMEOUT_MS");
    }
}
