package io.callstream.topology;

import io.callstream.schemas.CallEvent;
import io.callstream.schemas.CallRecord;
import io.callstream.schemas.serde.CallstreamSerdes;
import io.callstream.topology.query.index.RecordIndexing;
import io.callstream.topology.record.CallRecordFold;
import io.callstream.topology.record.CallRecordProcessor;
import io.callstream.topology.record.EmittedRecordSerde;
import io.callstream.topology.record.EventKeySerde;
import io.callstream.topology.record.EventLogStore;
import io.callstream.topology.record.RecordRevision;
import io.callstream.topology.stats.CallFigures;
import io.callstream.topology.stats.StatsChange;
import io.callstream.topology.stats.processor.StatsAggregation;
import io.callstream.topology.stats.processor.StatsChangeSerde;
import io.callstream.topology.stats.processor.StatsOutput;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * Builds callstream's topology from a {@link TopologyConfig}: {@code callkit.events} → fold per call →
 * {@code callkit.call-records}; the same records → query stores; and their revisions → statistics (R7, R8) →
 * {@code callkit.concurrency} and {@code callkit.daily-stats}. Pure: no clients, no threads, no I/O.
 */
public final class CallRecordTopology {

    private static final Duration RECORD_SWEEP_EVERY = Duration.ofMinutes(1);

    private CallRecordTopology() {
    }

    public static Topology build(TopologyConfig config) {
        StreamsBuilder builder = new StreamsBuilder();
        EmittedRecordSerde emitted = new EmittedRecordSerde();
        // The events as a table whose store is the fold's event log: a call's facts are its events, so the fold writes
        // none, and the log needs no changelog of its own: the topic is its changelog (REUSE_KTABLE_SOURCE_TOPICS).
        KStream<String, CallRecord> records = builder.table(config.eventsTopic(),
                        Consumed.with(new EventKeySerde(), CallstreamSerdes.callEvent()).withName("callkit-events"),
                        Materialized.<String, CallEvent>as(EventLogStore.supplier(CallRecordProcessor.EVENT_LOG_STORE,
                                        config.timings().eventsRetention().kept()))
                                .withKeySerde(new EventKeySerde()).withValueSerde(EventLogStore.values())
                                .withCachingDisabled())
                .toStream(Named.as("events"))
                .process(new CallRecordFold(config, emitted), Named.as("fold-calls"), CallRecordProcessor.EVENT_LOG_STORE);
        records.to(config.recordsTopic(), Produced.with(Serdes.String(), emitted).withName("call-records"));

        // The query stores: every emitted record, indexed by time and by user, kept for the retention (R9). Fed
        // inline from the fold's output, in the same task: a separate sub-topology reading the records topic costs the
        // fold throughput and lags behind it (docs/benchmarks.md), and the stores' own changelogs already make them
        // restorable.
        KStream<String, RecordRevision> revisions = records.process(
                new RecordIndexing(config.recordRetention(), RECORD_SWEEP_EVERY, emitted, config.listener()), Named.as("index-records"));
        if (config.stats().enabled()) {
            KStream<String, StatsChange> changes = revisions
                    .map((key, revision) -> KeyValue.pair(Long.toString(revision.next().getSdkAppId()), changeOf(revision)),
                            Named.as("stats-change"))
                    .filter((app, change) -> change.isEffective(), Named.as("stats-change-effective"))
                    .repartition(Repartitioned.with(Serdes.String(), (Serde<StatsChange>) new StatsChangeSerde())
                            .withName("stats-changes"));
            addStatistics(builder, changes, config.stats());
        }
        Properties optimizations = new Properties();
        optimizations.put(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, StreamsConfig.REUSE_KTABLE_SOURCE_TOPICS);
        return builder.build(optimizations);
    }

    /**
     * R7, R8: each revision, as what the call counted for before and after, moves to the partition of its app, where
     * the statistics of the app are kept. Per-second counts are additive, so the partitions of the fold need not
     * agree on anything: each sends its calls' changes and the app's partition sums them.
     *
     * @param changes keyed by app, each app's in one partition
     */
    public static void addStatistics(StreamsBuilder builder, KStream<String, StatsChange> changes, StatsConfig stats) {
        KStream<String, StatsOutput> published = changes.process(new StatsAggregation(stats), Named.as("aggregate-stats"));
        published.filter((key, out) -> out.isWindow(), Named.as("concurrency-windows"))
                .mapValues(StatsOutput::window, Named.as("concurrency-window"))
                .to(stats.concurrencyTopic(), Produced.with(Serdes.String(), CallstreamSerdes.concurrencyWindow()).withName("concurrency"));
        published.filterNot((key, out) -> out.isWindow(), Named.as("daily-stats"))
                .mapValues(StatsOutput::day, Named.as("daily-stat"))
                .to(stats.dailyTopic(), Produced.with(Serdes.String(), CallstreamSerdes.dailyStats()).withName("daily"));
    }

    private static StatsChange changeOf(RecordRevision revision) {
        return new StatsChange(revision.next().getSdkAppId(),
                revision.previous() == null ? null : CallFigures.of(revision.previous()), CallFigures.of(revision.next()));
    }
}
