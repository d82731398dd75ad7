package io.callstream.launcher.run;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What the run command was asked for. Flags given on the command line win over the environment; anything neither
 * says takes the services' own defaults (see {@link ServiceEnvironment}).
 *
 * @param role         which services to run
 * @param data         the local data directory (broker storage, Streams state, generated key)
 * @param fresh        wipe the data before starting
 * @param demo         run the call emulator against the gateway
 * @param gatewayPort  {@code --gateway-port}, else {@code CALLSTREAM_GATEWAY_PORT}, else 8080
 * @param queryPort    {@code --query-port}, else {@code CALLSTREAM_QUERY_PORT}, else 8081
 * @param kafkaPort    {@code --kafka-port} for the embedded broker; when absent 9092, or a free port if 9092 is taken
 * @param sdkAppId     {@code --sdkappid}: the demo app; else the first of {@code CALLSTREAM_SDKAPPIDS}, else 1400000001
 * @param createTopics {@code --create-topics}: create missing topics on an external cluster too (always done on the
 *                     embedded broker)
 * @param env          the process environment (a map, so tests can run the launcher in-process)
 */
public record LaunchSettings(Role role, DataDirectory data, boolean fresh, boolean demo, OptionalInt gatewayPort,
                             OptionalInt queryPort, OptionalInt kafkaPort, OptionalLong sdkAppId, boolean createTopics,
                             Map<String, String> env) {

    public static final long DEMO_SDKAPPID = 1400000001L;
    public static final int DEFAULT_KAFKA_PORT = 9092;

    public LaunchSettings {
        env = Map.copyOf(env);
    }

    /** An external cluster is used when {@code KAFKA_BOOTSTRAP_SERVERS} is set; otherwise the broker is embedded. */
    public boolean embeddedBroker() {
        return externalBootstrap().isEmpty();
    }

    public Optional<String> externalBootstrap() {
        return Optional.ofNullable(env.get("KAFKA_BOOTSTRAP_SERVERS")).filter(s -> !s.isBlank());
    }
}
