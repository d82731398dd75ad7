package io.callstream.topology.app;

import io.callstream.schemas.CallKey;
import io.callstream.schemas.CallScope;
import io.callstream.topology.record.CallRecordProcessor;
import io.callstream.topology.stats.OpenSpan;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * {@code callstream_calls_in_progress{sdkappid, scope}}: calls accepted and not yet ended (R7's live concurrency) in
 * this instance's partitions of the fold. Each instance reports its own partitions, so the app's figure is the sum
 * over instances ({@code sum by (sdkappid, scope)}). Refreshed by {@link #refresh()}, from the open calls' spans.
 */
final class LiveCallsGauge {

    private final KafkaStreams streams;
    private final MultiGauge gauge;

    LiveCallsGauge(KafkaStreams streams, MeterRegistry registry) {
        this.streams = streams;
        this.gauge = MultiGauge.builder("callstream.calls.in.progress")
                .description("Calls accepted and not yet ended, in this instance's partitions").register(registry);
    }

    /** Counts the spans again; while the stores are not queryable (a rebalance) the last figures stay. */
    void refresh() {
        Map<Long, Map<CallScope, Integer>> byApp = new TreeMap<>();
        try {
            ReadOnlyKeyValueStore<String, String> spans = streams.store(StoreQueryParameters.fromNameAndType(
                    CallRecordProcessor.OPEN_SPANS_STORE, QueryableStoreTypes.keyValueStore()));
            try (KeyValueIterator<String, String> it = spans.all()) {
                while (it.hasNext()) {
                    var kv = it.next();
                    OpenSpan span = OpenSpan.decode(kv.value);
                    if (!span.inProgress()) {
                        continue;
                    }
                    Map<CallScope, Integer> counts = byApp.computeIfAbsent(CallKey.parse(kv.key).sdkAppId(), a -> new TreeMap<>());
                    for (CallScope scope : CallScope.values()) {
                        counts.merge(scope, span.counts(scope) ? 1 : 0, Integer::sum);
                    }
                }
            }
        } catch (InvalidStateStoreException e) {
            return;
        }
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        byApp.forEach((app, counts) -> counts.forEach((scope, n) ->
                rows.add(MultiGauge.Row.of(Tags.of("sdkappid", Long.toString(app), "scope", scope.name()), n))));
        gauge.register(rows, true);
    }
}
