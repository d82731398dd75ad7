package io.callstream.topology.query.stats;

import io.callstream.topology.query.local.KafkaStreamsLocalStores;
import io.callstream.topology.query.local.StoreLookup;
import io.callstream.topology.record.CallRecordProcessor;
import io.callstream.topology.stats.OpenSpan;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** The spans of one app's calls without a record, from one partition of the fold ({@code open-call-spans}). */
public final class OpenSpansReader {

    private static final StringSerializer KEYS = new StringSerializer();

    private OpenSpansReader() {
    }

    /** This instance's spans of the app over the given partitions, each read as an active, running task. */
    public static List<OpenSpan> spans(KafkaStreams streams, long sdkAppId, List<Integer> partitions) {
        List<OpenSpan> spans = new ArrayList<>();
        for (int partition : partitions) {
            spans.addAll(spans(new KafkaStreamsLocalStores(streams, partition, false), sdkAppId));
        }
        return spans;
    }

    public static List<OpenSpan> spans(StoreLookup partition, long sdkAppId) {
        ReadOnlyKeyValueStore<String, String> store = partition.store(CallRecordProcessor.OPEN_SPANS_STORE);
        List<OpenSpan> spans = new ArrayList<>();
        try (KeyValueIterator<String, String> it = store.prefixScan(sdkAppId + "/", KEYS)) {
            it.forEachRemaining(kv -> spans.add(OpenSpan.decode(kv.value)));
        }
        return spans;
    }
}
