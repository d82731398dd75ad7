package io.callstream.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.launcher.run.DataDirectory;
import io.callstream.launcher.run.LaunchSettings;
import io.callstream.launcher.run.Role;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CallstreamCommandTest {

    private final List<LaunchSettings> launched = new ArrayList<>();
    private final StringWriter err = new StringWriter();

    @Test
    void noArgumentsRunsEverythingWithTheDefaults() {
        assertThat(run(Map.of())).isZero();
        LaunchSettings settings = launched.get(0);
        assertThat(settings.role()).isEqualTo(Role.ALL);
        assertThat(settings.data().root()).isEqualTo(DataDirectory.DEFAULT.toAbsolutePath().normalize());
        assertThat(settings.fresh()).isFalse();
        assertThat(settings.demo()).isFalse();
        assertThat(settings.gatewayPort()).isEmpty();
        assertThat(settings.queryPort()).isEmpty();
        assertThat(settings.kafkaPort()).isEmpty();
        assertThat(settings.sdkAppId()).isEmpty();
        assertThat(settings.embeddedBroker()).isTrue();
    }

    @Test
    void everyFlagIsRead() {
        assertThat(run(Map.of(), "--role", "Gateway", "--data-dir", "/tmp/cs", "--fresh", "--demo", "--gateway-port", "18080",
                "--query-port", "18081", "--kafka-port", "0", "--sdkappid", "1400000002", "--create-topics", "--log-format", "json")).isZero();
        LaunchSettings settings = launched.get(0);
        assertThat(settings.role()).isEqualTo(Role.GATEWAY);
        assertThat(settings.data().root()).isEqualTo(Path.of("/tmp/cs"));
        assertThat(settings.fresh()).isTrue();
        assertThat(settings.demo()).isTrue();
        assertThat(settings.gatewayPort()).isEqualTo(OptionalInt.of(18080));
        assertThat(settings.queryPort()).isEqualTo(OptionalInt.of(18081));
        assertThat(settings.kafkaPort()).isEqualTo(OptionalInt.of(0));
        assertThat(settings.sdkAppId()).isEqualTo(OptionalLong.of(1400000002L));
        assertThat(settings.createTopics()).isTrue();
    }

    @Test
    void theEnvironmentNamesTheDataDirectoryAndTheExternalCluster() {
        assertThat(run(Map.of("CALLSTREAM_DATA_DIR", "/srv/callstream", "KAFKA_BOOTSTRAP_SERVERS", "kafka:9092"), "--role", "topology")).isZero();
        LaunchSettings settings = launched.get(0);
        assertThat(settings.data().root()).isEqualTo(Path.of("/srv/callstream"));
        assertThat(settings.embeddedBroker()).isFalse();
        assertThat(settings.externalBootstrap()).contains("kafka:9092");
        assertThat(settings.role().runsGateway()).isFalse();
        assertThat(settings.role().runsTopology()).isTrue();
    }

    @Test
    void aWrongValueIsAUsageErrorNamingTheOption() {
        assertThat(run(Map.of(), "--role", "broker")).isEqualTo(2);
        assertThat(err.toString()).contains("--role");
        assertThat(run(Map.of(), "--gateway-port", "http")).isEqualTo(2);
        assertThat(run(Map.of(), "--no-such-flag")).isEqualTo(2);
        assertThat(launched).isEmpty();
    }

    @Test
    void theLogFormatIsChosenBeforeParsing() {
        assertThat(LogFormat.chosen(List.of(), Map.of())).isEqualTo(LogFormat.TEXT);
        assertThat(LogFormat.chosen(List.of(), Map.of("CALLSTREAM_LOG_FORMAT", "json"))).isEqualTo(LogFormat.JSON);
        assertThat(LogFormat.chosen(List.of("--log-format", "json"), Map.of())).isEqualTo(LogFormat.JSON);
        assertThat(LogFormat.chosen(List.of("--log-format=text"), Map.of("CALLSTREAM_LOG_FORMAT", "json"))).isEqualTo(LogFormat.TEXT);
    }

    private int run(Map<String, String> env, String... args) {
        CommandLine commandLine = CallstreamCommand.commandLine(env, settings -> {
            launched.add(settings);
            return 0;
        });
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setOut(new PrintWriter(new StringWriter(), true));
        return commandLine.execute(args);
    }
}
