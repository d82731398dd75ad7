package io.callstream.topology.query.index;

import io.callstream.schemas.CallRecord;
import io.callstream.topology.StoreBuilders;
import io.callstream.topology.record.EmittedRecordSerde;
import io.callstream.topology.record.FoldListener;
import io.callstream.topology.record.RecordRevision;
import java.time.Duration;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;

/** The query stores as the topology adds them: a {@link RecordIndexProcessor} per task, with the stores it writes. */
public final class RecordIndexing implements ProcessorSupplier<String, CallRecord, String, RecordRevision> {

    private final Duration retention;
    private final Duration sweepEvery;
    private final EmittedRecordSerde emitted;
    private final FoldListener listener;

    /**
     * @param retention  how long a record stays (R9)
     * @param sweepEvery how often records past the retention are looked for
     * @param emitted    the emitted records' serde, shared with where else the records are written
     * @param listener   told of what the index skips
     */
    public RecordIndexing(Duration retention, Duration sweepEvery, EmittedRecordSerde emitted, FoldListener listener) {
        this.retention = retention;
        this.sweepEvery = sweepEvery;
        this.emitted = emitted;
        this.listener = listener;
    }

    @Override
    public Processor<String, CallRecord, String, RecordRevision> get() {
        return new RecordIndexProcessor(retention, sweepEvery, listener);
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(
                StoreBuilders.uncached(RecordIndex.RECORDS, emitted),
                StoreBuilders.uncached(RecordIndex.BY_START, Serdes.String()),
                StoreBuilders.uncached(RecordIndex.BY_USER, Serdes.String()),
                // Consecutive records mostly land in the same hour, so a commit interval's updates of a bucket become
                // one write to RocksDB and the changelog.
                StoreBuilders.cached(RecordCounts.STORE, Serdes.Long()));
    }
}
