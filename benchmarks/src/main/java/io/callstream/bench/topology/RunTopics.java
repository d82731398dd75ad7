package io.callstream.bench.topology;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The topics one measured Streams run writes: those Kafka Streams creates for its application id
 * ({@code <application id>-...-changelog} and {@code -repartition}) and its own output topics. Runs under other
 * application ids (other runs, JIT warm-ups) share the broker and are neither read nor counted.
 */
record RunTopics(String applicationId, OutputTopics outputs) {

    private static final String CHANGELOG_SUFFIX = "-changelog";
    private static final String REPARTITION_SUFFIX = "-repartition";

    /** Whether Kafka Streams created {@code topic} for this run: a changelog or a repartition topic. */
    boolean isInternal(String topic) {
        return topic.startsWith(applicationId + "-") && (topic.endsWith(CHANGELOG_SUFFIX) || topic.endsWith(REPARTITION_SUFFIX));
    }

    /** Whether {@code topic} is a repartition topic of this run. */
    boolean isRepartition(String topic) {
        return isInternal(topic) && topic.endsWith(REPARTITION_SUFFIX);
    }

    /**
     * What a topic of this run is, for the report: "changelog of &lt;store&gt;", "repartition topic &lt;name&gt;", or
     * the product topic an output topic stands for.
     */
    String describe(String topic) {
        Optional<String> product = outputs.productName(topic);
        if (product.isPresent()) {
            return product.get();
        }
        String name = topic.substring(applicationId.length() + 1);
        return name.endsWith(CHANGELOG_SUFFIX)
                ? "changelog of " + name.substring(0, name.length() - CHANGELOG_SUFFIX.length())
                : "repartition topic " + name.substring(0, name.length() - REPARTITION_SUFFIX.length());
    }

    /** Among the broker's {@code topics}, those the run writes: its changelogs, its repartition topic, its outputs. */
    List<String> written(Collection<String> topics) {
        List<String> written = new ArrayList<>(topics.stream().filter(this::isInternal)
                .sorted(Comparator.comparing(this::isRepartition).thenComparing(t -> t)).toList());
        written.addAll(outputs.names());
        return written;
    }
}
