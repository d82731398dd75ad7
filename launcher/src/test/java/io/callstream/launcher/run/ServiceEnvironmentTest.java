package io.callstream.launcher.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ServiceEnvironmentTest {

    private static final DataDirectory DATA = new DataDirectory(Path.of("/var/callstream"));
    private static final SecretKey KEY = new SecretKey("k", SecretKey.Origin.GENERATED);
    private static final CallbackToken TOKEN = new CallbackToken("0123456789abcdef0123456789abcdef", CallbackToken.Origin.GENERATED);

    @Test
    void localModeFillsInTheBrokerTheDemoAppItsKeyAndTheStateDirectory() {
        Map<String, String> env = ServiceEnvironment.of(settings(Map.of(), OptionalInt.empty(), OptionalLong.empty()), "127.0.0.1:9092", KEY,
                "cluster-secret", TOKEN);
        assertThat(env).containsEntry("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092")
                .containsEntry("CALLSTREAM_CALLBACK_TOKEN", TOKEN.value())
                .containsEntry("CALLSTREAM_SDKAPPIDS", "1400000001")
                .containsEntry("CALLSTREAM_SECRET_KEYS", "1400000001:k")
                .containsEntry("CALLSTREAM_CLUSTER_SECRET", "cluster-secret")
                .containsEntry("CALLSTREAM_INTERNAL_HOST", "127.0.0.1")
                .containsEntry("CALLSTREAM_INTERNAL_PORT", "0")
                .containsEntry("CALLSTREAM_STATE_DIR", "/var/callstream/streams")
                .containsEntry("CALLSTREAM_ADVERTISED_HOST", "localhost")
                .doesNotContainKeys("CALLSTREAM_GATEWAY_PORT", "CALLSTREAM_QUERY_PORT");
    }

    @Test
    void theEnvironmentWinsOverDefaultsAndFlagsWinOverTheEnvironment() {
        Map<String, String> given = Map.of("CALLSTREAM_SDKAPPIDS", "1400000002,1400000003", "CALLSTREAM_SECRET_KEYS", "1400000002:x",
                "CALLSTREAM_STATE_DIR", "/state", "CALLSTREAM_GATEWAY_PORT", "9000", "KAFKA_BOOTSTRAP_SERVERS", "kafka:9093",
                "CALLSTREAM_CALLBACK_TOKEN", "none");
        LaunchSettings settings = settings(given, OptionalInt.of(7000), OptionalLong.empty());
        Map<String, String> env = ServiceEnvironment.of(settings, null, null, null, TOKEN);
        assertThat(env).containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka:9093")
                .containsEntry("CALLSTREAM_SDKAPPIDS", "1400000002,1400000003")
                .containsEntry("CALLSTREAM_SECRET_KEYS", "1400000002:x")
                .containsEntry("CALLSTREAM_STATE_DIR", "/state")
                .containsEntry("CALLSTREAM_GATEWAY_PORT", "7000")
                .containsEntry("CALLSTREAM_CALLBACK_TOKEN", "none")
                .doesNotContainKey("CALLSTREAM_ADVERTISED_HOST")
                .doesNotContainKey("KAFKA_STREAMS_SESSION_TIMEOUT_MS")
                .as("a cluster's instances listen for each other as configured")
                .doesNotContainKeys("CALLSTREAM_INTERNAL_HOST", "CALLSTREAM_INTERNAL_PORT", "CALLSTREAM_CLUSTER_SECRET");
        assertThat(ServiceEnvironment.sdkAppId(settings)).isEqualTo(1400000002L);
        assertThat(settings.embeddedBroker()).isFalse();

        LaunchSettings flagged = settings(given, OptionalInt.empty(), OptionalLong.of(1400000009L));
        assertThat(ServiceEnvironment.of(flagged, null, KEY, null, null)).containsEntry("CALLSTREAM_SDKAPPIDS", "1400000009");
        assertThat(ServiceEnvironment.sdkAppId(flagged)).isEqualTo(1400000009L);
    }

    @Test
    void againstAClusterTheDemoAppIsNotAcceptedUnlessAsked() {
        LaunchSettings external = settings(Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092"), OptionalInt.empty(), OptionalLong.empty());
        assertThat(ServiceEnvironment.of(external, null, null, null, null)).doesNotContainKeys("CALLSTREAM_SDKAPPIDS", "CALLSTREAM_SECRET_KEYS");
    }

    private static LaunchSettings settings(Map<String, String> env, OptionalInt gatewayPort, OptionalLong app) {
        return new LaunchSettings(Role.ALL, DATA, false, false, gatewayPort, OptionalInt.empty(), OptionalInt.empty(), app, false, env);
    }
}
