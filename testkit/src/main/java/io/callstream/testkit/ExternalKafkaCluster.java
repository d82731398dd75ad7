package io.callstream.testkit;

import java.util.HashMap;
import java.util.Map;

/**
 * A cluster the environment provides ({@code KAFKA_BOOTSTRAP_SERVERS}). Client settings such as security can be added
 * as {@code KAFKA_CLIENT_<SETTING>} environment variables ({@code KAFKA_CLIENT_SECURITY_PROTOCOL=SASL_SSL} becomes
 * {@code security.protocol=SASL_SSL}).
 */
final class ExternalKafkaCluster extends ClientBackedCluster {

    private final String bootstrapServers;
    private final Map<String, Object> clientProperties;

    ExternalKafkaCluster(String bootstrapServers, Map<String, String> environment) {
        this.bootstrapServers = bootstrapServers;
        Map<String, Object> props = new HashMap<>();
        environment.forEach((name, value) -> {
            if (name.startsWith("KAFKA_CLIENT_")) {
                props.put(name.substring("KAFKA_CLIENT_".length()).toLowerCase(java.util.Locale.ROOT).replace('_', '.'), value);
            }
        });
        props.put("bootstrap.servers", bootstrapServers);
        this.clientProperties = Map.copyOf(props);
    }

    @Override
    public Kind kind() {
        return Kind.EXTERNAL;
    }

    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public Map<String, Object> clientProperties() {
        return clientProperties;
    }
}
