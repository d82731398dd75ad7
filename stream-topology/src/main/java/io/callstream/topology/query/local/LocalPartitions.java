package io.callstream.topology.query.local;

import io.callstream.schemas.CallRecord;
import io.callstream.topology.query.Cursor;
import io.callstream.topology.query.QueryDeadline;
import io.callstream.topology.query.RecordFilter;
import io.callstream.topology.record.CallRecordProcessor;
import java.time.Duration;
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
    private final Duration timeout;
    private final CallRecordProcessor.Limits foldLimits;

    /** @param timeout how long a caller waits for these partitions' part: their scans stop there */
    /** @param foldLimits the fold's limits ({@link LocalRecordQueries}) */
    public LocalPartitions(KafkaStreams streams, Duration timeout, CallRecordProcessor.Limits foldLimits) {
        this.streams = streams;
        this.timeout = timeout;
        this.foldLimits = foldLimits;
    }

    /** The matches' count and the first {@code take} positions over the given partitions, in the filter's order. */
    public LocalRecordQueries.IndexSlice entries(RecordFilter filter, Cursor after, int take, Collection<Integer> partitions) {
        QueryDeadline deadline = QueryDeadline.after(timeout);
        long total = 0;
        List<Cursor> all = new ArrayList<>();
        for (int partition : partitions) {
            LocalRecordQueries.IndexSlice slice = active(partition, deadline).entries(filter, after, take);
            total += slice.total();
            all.addAll(slice.entries());
        }
        all.sort(filter.descending() ? Cursor.ORDER.reversed() : Cursor.ORDER);
        return new LocalRecordQueries.IndexSlice(total, all.subList(0, Math.min(take, all.size())));
    }

    /** The records at these positions, from any of this instance's active partitions. */
    public List<CallRecord> recordsOf(long sdkAppId, List<Cursor> entries) {
        return new LocalRecordQueries(new KafkaStreamsLocalStores(streams, null, false), foldLimits).recordsOf(sdkAppId, entries);
    }

    public LocalRecordQueries.Slice openCalls(long sdkAppId, Cursor after, int take, Collection<Integer> partitions) {
        return merged(partitions, local -> local.openCalls(sdkAppId, after, take), LocalRecordQueries.ORDER.reversed(), take);
    }

    private LocalRecordQueries.Slice merged(Collection<Integer> partitions, Function<LocalRecordQueries, LocalRecordQueries.Slice> query,
                                            Comparator<CallRecord> order, int take) {
        QueryDeadline deadline = QueryDeadline.after(timeout);
        long total = 0;
        List<CallRecord> all = new ArrayList<>();
        for (int partition : partitions) {
            LocalRecordQueries.Slice slice = query.apply(active(partition, deadline));
            total += slice.total();
            all.addAll(slice.records());
        }
        all.sort(order);
        return new LocalRecordQueries.Slice(total, all.subList(0, Math.min(take, all.size())));
    }

    private LocalRecordQueries active(int partition, QueryDeadline deadline) {
        return new LocalRecordQueries(new KafkaStreamsLocalStores(streams, partition, false), deadline, foldLimits);
    }
}
