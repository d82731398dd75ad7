package io.callstream.launcher.e2e;

import io.callstream.schemas.topic.Topics;
import io.callstream.testkit.KafkaCluster;
import java.util.Optional;

/** The topics of one pipeline under test: named for the test, created with the production settings. */
record PipelineTopics(String events, String deadLetters, String records, String concurrency, String daily) {

    static PipelineTopics create(KafkaCluster kafka, String prefix) {
        String events = kafka.newTopicName(prefix + "-events");
        PipelineTopics topics = new PipelineTopics(events, events + ".dlq", kafka.newTopicName(prefix + "-records"),
                kafka.newTopicName(prefix + "-concurrency"), kafka.newTopicName(prefix + "-daily"));
        kafka.createTopics(Topics.EVENTS.withName(topics.events).toNewTopic(Optional.empty()),
                Topics.EVENTS_DLQ.withName(topics.deadLetters).toNewTopic(Optional.empty()),
                Topics.CALL_RECORDS.withName(topics.records).toNewTopic(Optional.empty()),
                Topics.CONCURRENCY.withName(topics.concurrency).toNewTopic(Optional.empty()),
                Topics.DAILY_STATS.withName(topics.daily).toNewTopic(Optional.empty()));
        return topics;
    }
}
