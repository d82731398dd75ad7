package io.callstream.topology.query.cluster;

import io.callstream.topology.query.QueryUnavailableException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Which instance answers for which partitions of a fanned-out query, taken from one snapshot of the assignment. Each
 * instance is then asked for exactly its partitions and fails if it cannot read one of them as an active, running
 * task, so a query either covers every partition once or fails: an instance whose own view of its tasks lags the
 * assignment (it happens during a rebalance) can no longer silently answer for fewer partitions.
 */
final class PartitionPlan {

    private PartitionPlan() {
    }

    /**
     * @param instances   every instance of the application ({@code KafkaStreams#metadataForAllStreamsClients})
     * @param sourceTopic the topic whose partitions the queried stores follow
     * @throws QueryUnavailableException when the snapshot does not assign every partition to exactly one instance
     */
    static Map<HostInfo, List<Integer>> of(Collection<StreamsMetadata> instances, String sourceTopic) {
        Map<HostInfo, List<Integer>> plan = new LinkedHashMap<>();
        TreeSet<Integer> covered = new TreeSet<>();
        for (StreamsMetadata instance : instances) {
            List<Integer> mine = new ArrayList<>();
            for (TopicPartition tp : instance.topicPartitions()) {
                if (tp.topic().equals(sourceTopic)) {
                    if (!covered.add(tp.partition())) {
                        throw new QueryUnavailableException("partition " + tp.partition() + " of " + sourceTopic
                                + " is assigned twice while the group rebalances; retry");
                    }
                    mine.add(tp.partition());
                }
            }
            if (!mine.isEmpty()) {
                mine.sort(null);
                plan.put(instance.hostInfo(), mine);
            }
        }
        // Partitions are numbered from 0: a gap is a partition no instance holds right now.
        if (covered.isEmpty() || covered.last() != covered.size() - 1) {
            throw new QueryUnavailableException("not every partition of " + sourceTopic + " is assigned (" + covered
                    + ") while the group rebalances; retry");
        }
        return plan;
    }
}
