package io.callstream.bench.topology;

import io.callstream.schemas.serde.CallstreamSerdes;
import io.callstream.service.Env;
import io.callstream.schemas.topic.Topics;
import io.callstream.testkit.KafkaCluster;
import io.callstream.testkit.KafkaClusters;
import java.time.Instant;
import java.util.Optional;
import io.callstream.topology.app.StreamsAppConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * What Kafka Streams itself allows on this host with the app's own settings (exactly-once, RocksDB), so that the
 * fold's rate reads against the framework and not only against a plain consumer. A floor reads and decodes every event
 * of the topic and makes {@code puts} logged, uncached RocksDB puts per event, each a new key (the event's key, offset
 * and number) with a 100-byte value: about the fold's average write (docs/benchmarks.md). With one put it is the least a
 * fault-tolerant fold can do; with three, about the fold's writes without its rules. The statistics' benchmark
 * ({@link StatsBenchmark}) decodes its changes the same way, for the statistics' rate to read against.
 *
 * <p>Each floor runs twice over the whole topic under fresh application ids, the first for the JIT, and the second is
 * measured. Their thread names start with {@code floor-}, so that {@link ThreadCpu} counts their stream thread.
 */
final class StreamsFloor {

    /**
     * A floor: how many puts per event, spread over how many stores (each with its own changelog). One store is the
     * floor the fold is judged against; more show what it costs Kafka Streams to spread the same writes over the
     * partitions of more changelogs, as the fold's stores do.
     */
    record Floor(int puts, int stores) {
        Floor {
            if (puts < 0 || stores < 1) {
                throw new IllegalArgumentException("a floor makes puts >= 0 over stores >= 1: " + puts + "x" + stores);
            }
        }

        Floor(int puts) {
            this(puts, 1);
        }

        /** The floor the fold's headline ratio is taken against. */
        boolean isThreePuts() {
            return puts == 3 && stores == 1;
        }

        String applicationId() {
            return "floor-" + puts + "-puts" + (stores == 1 ? "" : "-" + stores + "-stores");
        }

        String description() {
            return description("event");
        }

        /** What the floor does with each {@code item} of its topic (an event, a change). */
        String description(String item) {
            return puts == 0 ? "Kafka Streams, decode each " + item + ", exactly-once, no store"
                    : "Kafka Streams, decode and " + puts + " logged RocksDB put" + (puts == 1 ? "" : "s") + " per " + item
                    + (stores == 1 ? "" : ", over " + stores + " stores");
        }
    }

    /**
     * The floors measured: BENCH_FLOORS, puts per event separated by commas, by default none, one (the least a fold
     * writes) and three (about the fold's writes); empty for none. {@code 3x14} makes three puts per event spread over
     * fourteen stores.
     */
    static final List<Floor> FLOORS = fromSetting(System.getenv().getOrDefault("BENCH_FLOORS", "0,1,3"));

    private static final String STORE = "floor";
    private static final int VALUE_BYTES = 100;

    private StreamsFloor() {
    }

    /** Floors from a setting: puts per event ({@code 3}) or puts over stores ({@code 3x14}), by commas; empty for none. */
    static List<Floor> fromSetting(String setting) {
        return Arrays.stream(setting.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(s -> {
            String[] parts = s.split("x", 2);
            return new Floor(Integer.parseInt(parts[0]), parts.length == 1 ? 1 : Integer.parseInt(parts[1]));
        }).toList();
    }

    /** The floors alone, on the fold benchmark's backlog (BENCH_CALLS, BENCH_CONCURRENT_CALLS, BENCH_FLOORS). */
    public static void main(String[] args) throws Exception {
        try (KafkaCluster kafka = KafkaClusters.startEmbedded()) {
            kafka.createTopics(Topics.EVENTS.toNewTopic(Optional.empty()));
            long events = FoldBenchmark.fill(kafka, FoldBenchmark.CALLS, new Random(1));
            StringBuilder report = new StringBuilder(String.format("%,d events; %s%n", events, Instant.now()));
            for (Floor floor : FLOORS) {
                CommittedProgress p = measure(floor, kafka, Topics.EVENTS.name(), CallstreamSerdes.callEvent(), events);
                report.append(String.format("%s: %,.0f events/s; CPU µs/event %s%n", floor.description(), p.steadyRate(),
                        p.cpuSeconds().keySet().stream().map(g -> String.format("%s %.1f", g, p.microsPerEvent(g))).toList()));
            }
            System.out.println(report);
        }
        System.exit(0);
    }

    /**
     * Runs the floor twice over the topic and returns the second run's progress.
     *
     * @param values the serde of the topic's values, which the floor decodes
     */
    static CommittedProgress measure(Floor floor, KafkaCluster kafka, String topic, Serde<?> values, long events)
            throws Exception {
        return measure(floor, 1, kafka, topic, values, events);
    }

    /** The same, in round {@code round} of a benchmark that measures its floors more than once (own application ids). */
    static CommittedProgress measure(Floor floor, int round, KafkaCluster kafka, String topic, Serde<?> values, long events)
            throws Exception {
        String applicationId = floor.applicationId() + (round == 1 ? "" : "-round-" + round);
        run(floor, applicationId + "-warm", kafka, topic, values, events);
        return run(floor, applicationId, kafka, topic, values, events);
    }

    private static CommittedProgress run(Floor floor, String applicationId, KafkaCluster kafka, String topic,
                                         Serde<?> values, long events) throws Exception {
        Map<String, String> own = new HashMap<>();
        own.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        own.put("CALLSTREAM_APPLICATION_ID", applicationId);
        Path stateDir = Files.createTempDirectory(applicationId);
        own.put("CALLSTREAM_STATE_DIR", stateDir.toString());
        // the app's settings (e.g. the processing guarantee) apply to the floors
        Properties properties = StreamsAppConfig.from(new Env(PassedThrough.with(own))).streamsProperties();
        try (KafkaStreams streams = new KafkaStreams(topology(floor, topic, values), properties)) {
            streams.start();
            return CommittedProgress.await(kafka, topic, applicationId, events, List.of(ProcessHandle.current().pid()),
                    Duration.ofMinutes(10));
        } finally {
            Utils.delete(stateDir.toFile()); // closed above: one floor's store on disk at a time
        }
    }

    static <V> Topology topology(Floor floor, String topic, Serde<V> values) {
        StreamsBuilder builder = new StreamsBuilder();
        var events = builder.stream(topic, Consumed.with(Serdes.String(), values));
        if (floor.puts() == 0) {
            events.foreach((key, event) -> { });
        } else {
            String[] stores = new String[floor.stores()];
            for (int s = 0; s < stores.length; s++) {
                stores[s] = stores.length == 1 ? STORE : STORE + "-" + s;
                builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(stores[s]), Serdes.String(),
                        Serdes.ByteArray()).withCachingDisabled());
            }
            events.process(() -> new Puts<V>(floor.puts(), stores), stores);
        }
        return builder.build();
    }

    /**
     * Makes {@code puts} new entries per event, like the fold's facts (one new key per callback), taking the stores in
     * turn, so that every store gets the same share of the writes.
     */
    private static final class Puts<V> implements Processor<String, V, Void, Void> {
        private final int puts;
        private final String[] storeNames;
        private final byte[] value = new byte[VALUE_BYTES];
        private ProcessorContext<Void, Void> context;
        private List<KeyValueStore<String, byte[]>> stores;
        private long written;

        Puts(int puts, String[] storeNames) {
            this.puts = puts;
            this.storeNames = storeNames;
            new Random(3).nextBytes(value); // not compressible, like the fold's values
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            this.context = context;
            this.stores = Arrays.stream(storeNames).map(name -> context.<KeyValueStore<String, byte[]>>getStateStore(name)).toList();
        }

        @Override
        public void process(Record<String, V> record) {
            long offset = context.recordMetadata().map(m -> m.offset()).orElse(-1L);
            for (int i = 0; i < puts; i++) {
                stores.get((int) (written++ % stores.size())).put(record.key() + "/" + offset + "/" + i, value);
            }
        }
    }
}
