package io.callstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.schemas.CallRecord;
import io.callstream.topology.query.index.RecordIndex;
import io.callstream.topology.query.index.RecordIndexing;
import io.callstream.topology.record.EmittedRecordSerde;
import io.callstream.topology.record.FoldListener;
import io.callstream.topology.record.RecordRevision;
import io.callstream.topology.stats.StatsChange;
import io.callstream.topology.stats.processor.StatsAggregation;
import io.callstream.topology.stats.processor.StatsListener;
import io.callstream.topology.stats.processor.StatsOutput;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * A record without a value, which no writer of ours sends, is counted and skipped by the processors after the fold
 * (the fold's own is in CallRecordTopologyTest): nothing is written, nothing forwarded, the task goes on.
 */
class SkippedRecordsTest {

    @Test
    void theQueryIndexCountsAndSkipsACallRecordWithoutAValue() {
        AtomicInteger nulls = new AtomicInteger();
        FoldListener listener = new FoldListener() {
            @Override
            public void nullRecord() {
                nulls.incrementAndGet();
            }
        };
        MockProcessorContext<String, RecordRevision> context = new MockProcessorContext<>();
        Processor<String, CallRecord, String, RecordRevision> index = started(
                new RecordIndexing(Duration.ofDays(90), Duration.ofMinutes(1), new EmittedRecordSerde(), listener), context);

        index.process(new Record<>("1400000001/c1", null, 0L));

        assertThat(nulls).hasValue(1);
        assertThat(context.forwarded()).isEmpty();
        KeyValueStore<String, ?> records = context.getStateStore(RecordIndex.RECORDS);
        assertThat(records.approximateNumEntries()).isZero();
    }

    @Test
    void theStatisticsCountAndSkipAChangeWithoutAValue() {
        AtomicInteger nulls = new AtomicInteger();
        StatsListener listener = new StatsListener() {
            @Override
            public void nullChange() {
                nulls.incrementAndGet();
            }
        };
        MockProcessorContext<String, StatsOutput> context = new MockProcessorContext<>();
        Processor<String, StatsChange, String, StatsOutput> stats = started(
                new StatsAggregation(StatsConfig.defaults().withListener(listener)), context);

        stats.process(new Record<>("1400000001", null, 0L));

        assertThat(nulls).hasValue(1);
        assertThat(context.forwarded()).isEmpty();
    }

    /** The supplier's processor, initialized on in-memory stores named as the supplier declares them. */
    private static <KIn, VIn, KOut, VOut> Processor<KIn, VIn, KOut, VOut> started(
            ProcessorSupplier<KIn, VIn, KOut, VOut> supplier, MockProcessorContext<KOut, VOut> context) {
        supplier.stores().forEach(declared -> {
            KeyValueStore<String, byte[]> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(declared.name()),
                    Serdes.String(), Serdes.ByteArray()).withLoggingDisabled().build();
            store.init(context.getStateStoreContext(), store);
            context.addStateStore(store);
        });
        Processor<KIn, VIn, KOut, VOut> processor = supplier.get();
        processor.init(context);
        return processor;
    }
}
