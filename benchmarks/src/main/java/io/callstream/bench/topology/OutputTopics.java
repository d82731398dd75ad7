package io.callstream.bench.topology;

import io.callstream.schemas.topic.TopicSpec;
import io.callstream.schemas.topic.Topics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The app's output topics (records and statistics) under names of one run's own, {@code <prefix>.<topic>}: runs that
 * share the broker then neither read nor count each other's output.
 *
 * @param records whether the records topic is among them: the statistics alone ({@link StatsBenchmark}) write only
 *                the two statistics topics
 */
record OutputTopics(String prefix, boolean records) {

    /** An output topic and the variable that names it (StreamsAppConfig). */
    private record Output(String variable, TopicSpec spec) {
    }

    /** In the order reported. */
    private static final List<Output> OUTPUTS = List.of(
            new Output("CALLSTREAM_TOPIC_CALL_RECORDS", Topics.CALL_RECORDS),
            new Output("CALLSTREAM_TOPIC_CONCURRENCY", Topics.CONCURRENCY),
            new Output("CALLSTREAM_TOPIC_DAILY_STATS", Topics.DAILY_STATS));

    /** All the app's output topics. */
    OutputTopics(String prefix) {
        this(prefix, true);
    }

    /** The statistics' two output topics alone. */
    static OutputTopics statistics(String prefix) {
        return new OutputTopics(prefix, false);
    }

    /** The variables that point the app at these topics. */
    Map<String, String> variables() {
        Map<String, String> variables = new LinkedHashMap<>();
        outputs().forEach(output -> variables.put(output.variable(), name(output.spec())));
        return variables;
    }

    /** Their creation requests, with the product topics' partitions and configs. */
    NewTopic[] newTopics() {
        return outputs().stream().map(output -> output.spec().withName(name(output.spec())).toNewTopic(Optional.empty()))
                .toArray(NewTopic[]::new);
    }

    List<String> names() {
        return outputs().stream().map(output -> name(output.spec())).toList();
    }

    /** This run's copy of a product topic. */
    String name(TopicSpec spec) {
        return prefix + "." + spec.name();
    }

    /** The product topic that {@code topic} is this run's copy of, if it is one. */
    Optional<String> productName(String topic) {
        return outputs().stream().map(Output::spec).filter(spec -> name(spec).equals(topic)).map(TopicSpec::name).findFirst();
    }

    private List<Output> outputs() {
        return records ? OUTPUTS : OUTPUTS.stream().filter(output -> output.spec() != Topics.CALL_RECORDS).toList();
    }
}
