package io.callstream.topology;

import io.callstream.schemas.CallEvent;
import io.callstream.schemas.CallRecord;
import io.callstream.schemas.ConcurrencyWindow;
import io.callstream.schemas.DailyStats;
import io.callstream.schemas.serde.CallstreamSerdes;
import io.callstream.topology.deadletter.DeadLetters;
import io.callstream.topology.fold.CallFact;
import io.callstream.topology.record.ArrivedFact;
import io.callstream.topology.record.CallRecordProcessor;
import io.callstream.topology.record.FoldedCall;
import io.callstream.topology.record.FoldListener;
import io.callstream.topology.record.ScenarioEvents;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

/** The topology under {@code TopologyTestDriver}, with a mocked wall clock and a counting listener. */
final class FoldDriver implements AutoCloseable {

    static final long APP = 1400000001L;
    static final Instant START = Instant.parse("2026-11-23T08:00:00Z");

    final AtomicInteger unknown = new AtomicInteger();
    final AtomicInteger duplicates = new AtomicInteger();
    final AtomicInteger dropped = new AtomicInteger();
    final AtomicInteger anomalies = new AtomicInteger();
    final AtomicInteger skipped = new AtomicInteger();
    final AtomicInteger nullEvents = new AtomicInteger();
    final TopologyTestDriver driver;
    private Instant now = START;
    private final CallRecordProcessor.Limits foldLimits;
    final TestInputTopic<String, CallEvent> events;
    /** The events topic as bytes: what no serializer would write. */
    final TestInputTopic<String, byte[]> rawEvents;
    final TestOutputTopic<byte[], byte[]> deadLetters;
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final TestOutputTopic<String, CallRecord> records;
    final TestOutputTopic<String, ConcurrencyWindow> concurrency;
    final TestOutputTopic<String, DailyStats> daily;

    FoldDriver() {
        this(TopologyConfig.DEFAULT_CACHED_CALLS);
    }

    FoldDriver(int cachedCalls) {
        this(TopologyConfig.defaults().withCachedCalls(cachedCalls));
    }

    FoldDriver(TopologyConfig base) {
        Path stateDir = stateDir();
        Instant wallClock = START;
        // One advance of the clock handles all the work it makes due, as the tests expect; the batches a punctuation
        // is cut into have their own test (CallRecordProcessorLimitsTest).
        CallRecordProcessor.Limits limits = base.limits();
        TopologyConfig config = base.withLimits(new CallRecordProcessor.Limits(limits.maxFactsPerCall(),
                limits.eventTimes(), Integer.MAX_VALUE, limits.catchUpLag())).withListener(new FoldListener() {
            @Override
            public void nullEvent() {
                nullEvents.incrementAndGet();
            }

            @Override
            public void unknownEvent(String command) {
                unknown.incrementAndGet();
            }

            @Override
            public void duplicate() {
                duplicates.incrementAndGet();
            }

            @Override
            public void stateDropped() {
                dropped.incrementAndGet();
            }

            @Override
            public void anomaly() {
                anomalies.incrementAndGet();
            }

            @Override
            public void skippedEntry() {
                skipped.incrementAndGet();
            }
        });
        this.foldLimits = config.limits();
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "fold-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        // a directory of its own: two drivers open at once (a test with a differently configured one) would share RocksDB's lock
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        // As the application runs: a record that cannot be decoded or is refused goes to the dead-letter topic.
        props.putAll(DeadLetters.streamsSettings(config.deadLetterTopic()));
        props.put(DeadLetters.METER_REGISTRY_CONFIG, meters);
        driver = new TopologyTestDriver(CallRecordTopology.build(config), props, wallClock);
        rawEvents = driver.createInputTopic(config.eventsTopic(), new StringSerializer(), new ByteArraySerializer());
        deadLetters = driver.createOutputTopic(config.deadLetterTopic(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        events = driver.createInputTopic(config.eventsTopic(), new StringSerializer(), CallstreamSerdes.callEvent().serializer());
        records = driver.createOutputTopic(config.recordsTopic(), new StringDeserializer(), CallstreamSerdes.callRecord().deserializer());
        concurrency = driver.createOutputTopic(config.stats().concurrencyTopic(), new StringDeserializer(),
                CallstreamSerdes.concurrencyWindow().deserializer());
        daily = driver.createOutputTopic(config.stats().dailyTopic(), new StringDeserializer(),
                CallstreamSerdes.dailyStats().deserializer());
    }

    private static Path stateDir() {
        try {
            Path dir = Files.createTempDirectory("fold-test");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String key(String callId) {
        return APP + "/" + callId;
    }

    void send(String callId, CallFact fact) {
        events.pipeInput(key(callId), event(callId, fact), now); // as the gateway stamps it: when it took the callback
    }

    /** A callback the gateway took at {@code stampedAt}, which the fold reads now. */
    void send(String callId, CallFact fact, Instant stampedAt) {
        events.pipeInput(key(callId), event(callId, fact), stampedAt);
    }

    void send(String callId, List<CallFact> facts) {
        facts.forEach(f -> send(callId, f));
    }

    void advance(Duration by) {
        driver.advanceWallClockTime(by);
        now = now.plus(by);
    }

    /** The driver's wall clock. */
    Instant now() {
        return now;
    }

    List<KeyValue<String, CallRecord>> emitted() {
        return records.readKeyValuesToList();
    }

    KeyValueStore<String, FoldedCall> states() {
        return driver.getKeyValueStore(CallRecordProcessor.STATE_STORE);
    }

    /** The query stores of this driver, as one instance of the application sees its own. */
    io.callstream.topology.query.local.LocalRecordQueries queries() {
        return queries(io.callstream.topology.query.QueryDeadline.NONE);
    }

    /** {@link #queries()}, whose scans stop at {@code deadline}. */
    io.callstream.topology.query.local.LocalRecordQueries queries(io.callstream.topology.query.QueryDeadline deadline) {
        return new io.callstream.topology.query.local.LocalRecordQueries(new io.callstream.topology.query.local.LocalStores() {
            @Override
            public org.apache.kafka.streams.state.ReadOnlyKeyValueStore<String, CallRecord> records() {
                return driver.getKeyValueStore(io.callstream.topology.query.index.RecordIndex.RECORDS);
            }

            @Override
            public org.apache.kafka.streams.state.ReadOnlyKeyValueStore<String, String> byStart() {
                return driver.getKeyValueStore(io.callstream.topology.query.index.RecordIndex.BY_START);
            }

            @Override
            public org.apache.kafka.streams.state.ReadOnlyKeyValueStore<String, String> byUser() {
                return driver.getKeyValueStore(io.callstream.topology.query.index.RecordIndex.BY_USER);
            }

            @Override
            public org.apache.kafka.streams.state.ReadOnlyKeyValueStore<String, Long> counts() {
                return driver.getKeyValueStore(io.callstream.topology.query.index.RecordCounts.STORE);
            }

            @Override
            public org.apache.kafka.streams.state.ReadOnlyKeyValueStore<String, Long> openCalls() {
                return driver.getKeyValueStore(CallRecordProcessor.OPEN_CALLS_STORE);
            }

            @Override
            public org.apache.kafka.streams.state.ReadOnlyKeyValueStore<String, ArrivedFact> callFacts() {
                return driver.getKeyValueStore(CallRecordProcessor.FACTS_STORE);
            }

            @Override
            public org.apache.kafka.streams.state.ReadOnlyKeyValueStore<String,
                    org.apache.kafka.streams.state.ValueAndTimestamp<io.callstream.schemas.CallEvent>> callEvents() {
                return driver.getTimestampedKeyValueStore(CallRecordProcessor.EVENT_LOG_STORE);
            }
        }, deadline, foldLimits);
    }

    /** How many records the store wrote to its changelog since this was last asked for the same store. */
    int changelogRecords(String store) {
        return driver.createOutputTopic("fold-test-" + store + "-changelog", new StringDeserializer(), new ByteArrayDeserializer())
                .readRecordsToList().size();
    }

    /** How many facts the fold's logged facts store holds, over all calls (those of calls old enough). */
    long loggedFacts() {
        return entries(CallRecordProcessor.FACTS_STORE);
    }

    /** How many events the fold's event log holds, over all calls. */
    long loggedEvents() {
        return entries(CallRecordProcessor.EVENT_LOG_STORE);
    }

    private long entries(String store) {
        try (var all = driver.getKeyValueStore(store).all()) {
            long n = 0;
            while (all.hasNext()) {
                all.next();
                n++;
            }
            return n;
        }
    }

    static CallEvent event(String callId, CallFact f) {
        return ScenarioEvents.event(APP, callId, f);
    }

    @Override
    public void close() {
        driver.close();
    }
}
