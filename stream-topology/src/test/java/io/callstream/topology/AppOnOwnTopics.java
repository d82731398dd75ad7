package io.callstream.topology;

import io.callstream.schemas.topic.Topics;
import io.callstream.testkit.KafkaCluster;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The settings of a Streams application on topics of its own, created here, for integration tests on a real broker. */
final class AppOnOwnTopics {

    private AppOnOwnTopics() {
    }

    /**
     * @param name the application id's prefix
     * @param dir  its state directory
     */
    static Map<String, String> settings(KafkaCluster kafka, String name, Path dir) {
        String events = kafka.newTopicName("events");
        String records = kafka.newTopicName("records");
        String dlq = kafka.newTopicName("topology-dlq");
        kafka.createTopics(Topics.EVENTS.withName(events).toNewTopic(Optional.empty()),
                Topics.TOPOLOGY_DLQ.withName(dlq).toNewTopic(Optional.empty()),
                Topics.CALL_RECORDS.withName(records).toNewTopic(Optional.empty()),
                Topics.CONCURRENCY.withName(records + ".concurrency").toNewTopic(Optional.empty()),
                Topics.DAILY_STATS.withName(records + ".daily").toNewTopic(Optional.empty()));
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("CALLSTREAM_TOPIC_EVENTS", events);
        env.put("CALLSTREAM_TOPIC_CALL_RECORDS", records);
        env.put("CALLSTREAM_TOPIC_TOPOLOGY_DLQ", dlq);
        env.put("CALLSTREAM_TOPIC_CONCURRENCY", records + ".concurrency");
        env.put("CALLSTREAM_TOPIC_DAILY_STATS", records + ".daily");
        env.put("CALLSTREAM_APPLICATION_ID", kafka.newTopicName(name));
        env.put("CALLSTREAM_STATE_DIR", dir.toString());
        env.put("CALLSTREAM_SETTLE_DELAY_MS", "500");
        env.put("CALLSTREAM_PUNCTUATE_INTERVAL_MS", "100");
        env.put("CALLSTREAM_QUERY_PORT", "0");
        env.put("CALLSTREAM_QUERY_HOST", "127.0.0.1");
        env.put("KAFKA_STREAMS_COMMIT_INTERVAL_MS", "100");
        return env;
    }
}
