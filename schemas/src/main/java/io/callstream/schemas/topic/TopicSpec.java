package io.callstream.schemas.topic;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * A topic's name and the settings callstream creates it with. Deployments may rename a topic or change its partition
 * count ({@link #withName}, {@link #withPartitions}); the configs (compaction, retention) are part of its contract.
 *
 * @param name       topic name
 * @param partitions default partition count
 * @param configs    topic-level configs ({@code cleanup.policy}, {@code retention.ms}, ...)
 * @param purpose    one line for operators: what the topic holds
 */
public record TopicSpec(String name, int partitions, Map<String, String> configs, String purpose) {

    public TopicSpec {
        Objects.requireNonNull(name, "name");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be positive: " + partitions);
        }
        configs = Map.copyOf(configs);
    }

    public TopicSpec withName(String newName) {
        return new TopicSpec(newName, partitions, configs, purpose);
    }

    public TopicSpec withPartitions(int newPartitions) {
        return new TopicSpec(name, newPartitions, configs, purpose);
    }

    public boolean compacted() {
        return configs.getOrDefault("cleanup.policy", "delete").contains("compact");
    }

    /** The admin-client request that creates this topic; replication from the broker default when empty. */
    public NewTopic toNewTopic(Optional<Short> replicationFactor) {
        return new NewTopic(name, Optional.of(partitions), replicationFactor).configs(configs);
    }
}
