package io.callstream.topology.query;

import io.callstream.schemas.CallRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.streams.KafkaStreams;

/**
 * This instance's part of a query: the partitions it was asked for, each read on its own (as an active, running task;
 * otherwise the read fails) and the slices merged in order. Reading partition by partition matters: the composite
 * store over several partitions concatenates them, it does not merge them, so its "first N in time order" would not be.
 */
public final class LocalPartitions {

    private final KafkaStreams streams;

    public LocalPartitions(KafkaStreams streams) {
        this.streams = streams;
    }

    public LocalRecordQueries.Slice records(RecordFilter filter, Cursor after, int take, Collection<Integer> partitions) {
        Comparator<CallRecord> order = filter.descending() ? LocalRecordQueries.ORDER.reversed() : LocalRecordQueries.ORDER;
        return merged(partitions, local -> local.records(filter, after, take), order, take);
    }

    public LocalRecordQueries.Slice openCalls(long sdkAppId, int take, Collection<Integer> partitions) {
        return merged(partitions, local -> local.openCalls(sdkAppId, take), LocalRecordQueries.ORDER.reversed(), take);
    }

    private LocalRecordQueries.Slice merged(Collection<Integer> partitions, Function<LocalRecordQueries, LocalRecordQueries.Slice> query,
                                            Comparator<CallRecord> order, int take) {
        long total = 0;
        List<CallRecord> all = new ArrayList<>();
        for (int partition : partitions) {
            LocalRecordQueries.Slice slice = query.apply(new LocalRecordQueries(new KafkaStreamsLocalStores(streams, partition, false)));
            total += slice.total();
            all.addAll(slice.records());
        }
        all.sort(order);
        return new LocalRecordQueries.Slice(total, all.subList(0, Math.min(take, all.size())));
    }
}
