package io.callstream.topology.query.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callstream.topology.query.QueryUnavailableException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.internals.StreamsMetadataImpl;
import org.junit.jupiter.api.Test;

/** A fanned-out query covers every partition of its stores' topic exactly once, or does not run (issue #5). */
class PartitionPlanTest {

    private static final HostInfo A = new HostInfo("a", 1);
    private static final HostInfo B = new HostInfo("b", 1);

    @Test
    void eachInstanceIsAskedForItsPartitionsOfTheSourceTopicOnly() {
        Map<HostInfo, List<Integer>> plan = PartitionPlan.of(List.of(
                instance(A, partitions("records", 0, 2, 4), partitions("events", 1, 3, 5)),
                instance(B, partitions("records", 5, 3, 1), partitions("events", 0, 2, 4))), "records");

        assertThat(plan).containsExactly(Map.entry(A, List.of(0, 2, 4)), Map.entry(B, List.of(1, 3, 5)));
    }

    @Test
    void anInstanceWithNoneOfThePartitionsIsNotAsked() {
        Map<HostInfo, List<Integer>> plan = PartitionPlan.of(List.of(
                instance(A, partitions("records", 0, 1, 2)), instance(B, partitions("events", 0, 1, 2))), "records");

        assertThat(plan).containsOnlyKeys(A);
    }

    @Test
    void aPartitionThatNobodyHoldsFailsTheQueryAsRetryable() {
        assertThatThrownBy(() -> PartitionPlan.of(List.of(instance(A, partitions("records", 0, 2))), "records"))
                .isInstanceOf(QueryUnavailableException.class).hasMessageContaining("not every partition").hasMessageEndingWith("retry");
        assertThatThrownBy(() -> PartitionPlan.of(List.of(instance(A, partitions("events", 0))), "records"))
                .isInstanceOf(QueryUnavailableException.class);
    }

    @Test
    void aPartitionClaimedTwiceFailsTheQueryAsRetryable() {
        assertThatThrownBy(() -> PartitionPlan.of(List.of(instance(A, partitions("records", 0, 1)),
                instance(B, partitions("records", 1, 2))), "records"))
                .isInstanceOf(QueryUnavailableException.class).hasMessageContaining("partition 1").hasMessageContaining("twice");
    }

    @SafeVarargs
    private static StreamsMetadata instance(HostInfo host, Set<TopicPartition>... active) {
        Set<TopicPartition> all = java.util.Arrays.stream(active).flatMap(Set::stream).collect(Collectors.toSet());
        return new StreamsMetadataImpl(host, Set.of("records"), all, Set.of(), Set.of());
    }

    private static Set<TopicPartition> partitions(String topic, int... numbers) {
        return IntStream.of(numbers).mapToObj(p -> new TopicPartition(topic, p)).collect(Collectors.toSet());
    }
}
