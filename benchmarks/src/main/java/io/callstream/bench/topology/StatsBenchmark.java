package io.callstream.bench.topology;

import io.callstream.service.Env;
import io.callstream.testkit.KafkaCluster;
import io.callstream.testkit.KafkaClusters;
import io.callstream.topology.CallRecordTopology;
import io.callstream.topology.StatsConfig;
import io.callstream.topology.TopologyConfig;
import io.callstream.topology.app.StreamsAppConfig;
import io.callstream.topology.stats.StatsChange;
import io.callstream.topology.stats.processor.StatsChangeSerde;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;

/**
 * How many changes per second the statistics of one app carry (docs/architecture.md, "Limits"): all of an app's
 * statistics are one partition of the repartition topic, so one stream thread, whatever the number of instances.
 * The statistics run alone ({@link CallRecordTopology#addStatistics}), with the app's settings, on a topic that holds
 * what the repartition topic would: one app's changes.
 *
 * <ol>
 *   <li>Fill a topic of one partition with the changes of one busy app's calls ({@link AppStatsChanges}): their
 *       records in the order they come out, and revisions for a share of them.</li>
 *   <li>Floors ({@link StreamsFloor}, BENCH_STATS_FLOORS): Kafka Streams with the app's settings decoding each change
 *       and keeping nothing, for the statistics' rate to read against the framework's on this host.</li>
 *   <li>JIT warm-up ({@link JitWarmUp}): the statistics run under other application ids until the JIT compiler is
 *       quiet.</li>
 *   <li>Measured run: the statistics (RocksDB, exactly_once_v2, their six cached stores) start at offset 0; changes/s
 *       until they have committed the end of the topic, and CPU per change by thread group between 10% and 90%.</li>
 *   <li>Writes: once the last publication is out, the records and key + value bytes written to each store's
 *       changelog and to the two statistics topics, per change ({@link TopicWrites}).</li>
 * </ol>
 * Everything runs in this JVM: the embedded broker, the filling producer and the statistics. Run with
 * {@code benchmarks/run-stats-benchmark.sh}; BENCH_STATS_* variables there.
 */
public final class StatsBenchmark {

    /** The measured run's application id; its stream thread's name starts with it ({@link ThreadCpu}). */
    static final String APPLICATION_ID = "stats-bench";
    private static final long APP = 1400000001L;
    /** Holds what the statistics' repartition topic would: one app's changes, so one partition. */
    private static final String CHANGES_TOPIC = "stats-bench.stats-changes";
    private static final OutputTopics OUTPUTS = OutputTopics.statistics(APPLICATION_ID);
    private static final JitWarmUp.Target STATISTICS = new JitWarmUp.Target(OutputTopics::statistics,
            (config, registry) -> start(config));
    /**
     * BENCH_STATS_CALLS: 1,500,000 calls, about 1,950,000 changes: a minute or two of measuring at the rates in
     * docs/benchmarks.md; the stores then hold a busy hour's minutes and 1.5 million users'
     * day entries, far past what the record caches hold, as a busy app's do.
     */
    static final AppStatsChanges.Settings SETTINGS = settings(Env.system());
    /** BENCH_STATS_FLOORS: puts per change separated by commas (StreamsFloor); by default decoding alone; empty for none. */
    private static final List<StreamsFloor.Floor> FLOORS = StreamsFloor.fromSetting(
            System.getenv().getOrDefault("BENCH_STATS_FLOORS", "0"));

    private StatsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "target/bench");
        Files.createDirectories(out);
        String report;
        try (KafkaCluster kafka = KafkaClusters.startEmbedded()) {
            kafka.createTopic(CHANGES_TOPIC, 1, Map.of());
            AppStatsChanges.Counts backlog = fill(kafka);
            Map<StreamsFloor.Floor, CommittedProgress> floors = floors(kafka, backlog.changes());
            report = new StatsReport(SETTINGS, backlog, floors, measure(kafka, backlog.changes())).toString();
        }
        Files.writeString(out.resolve("stats-benchmark.md"), report);
        System.out.println(report);
        System.exit(0);
    }

    /** The changes as BENCH_STATS_CALLS, BENCH_STATS_SPREAD_SECONDS, BENCH_STATS_REVISION_SHARE and BENCH_STATS_USERS say. */
    static AppStatsChanges.Settings settings(Env env) {
        int calls = env.positiveInt("BENCH_STATS_CALLS", 1_500_000);
        // A busy hour: each user in about two calls of it (a caller in one, a callee in another).
        int users = env.positiveInt("BENCH_STATS_USERS", Math.max(2, calls));
        return new AppStatsChanges.Settings(calls, env.longValue("BENCH_STATS_SPREAD_SECONDS", 3600, 1, Long.MAX_VALUE),
                Double.parseDouble(env.string("BENCH_STATS_REVISION_SHARE", "0.3")), users);
    }

    /** Fills the changes topic; returns what it holds. */
    private static AppStatsChanges.Counts fill(KafkaCluster kafka) throws Exception {
        AppStatsChanges.Counts counts;
        try (KafkaProducer<String, StatsChange> producer = producer(kafka)) {
            String key = Long.toString(APP); // as the fold keys a change for the repartition topic
            counts = AppStatsChanges.forEach(APP, SETTINGS, Instant.now().getEpochSecond(), new Random(1),
                    change -> producer.send(new ProducerRecord<>(CHANGES_TOPIC, key, change)));
            producer.flush();
        }
        long written = Offsets.end(kafka.admin(), List.of(CHANGES_TOPIC)).values().stream().mapToLong(Long::longValue).sum();
        if (written != counts.changes()) { // the rates count offsets as changes
            throw new IllegalStateException(counts.changes() + " changes sent, " + written + " written");
        }
        return counts;
    }

    /** Acknowledged by all, not transactional (no markers: offsets count changes), uncompressed as Streams writes. */
    private static KafkaProducer<String, StatsChange> producer(KafkaCluster kafka) {
        Map<String, Object> config = new HashMap<>(kafka.clientProperties());
        config.put("acks", "all");
        config.put("linger.ms", "5");
        return new KafkaProducer<>(config, new StringSerializer(), new StatsChangeSerde().serializer());
    }

    private static Map<StreamsFloor.Floor, CommittedProgress> floors(KafkaCluster kafka, long changes) throws Exception {
        Map<StreamsFloor.Floor, CommittedProgress> floors = new LinkedHashMap<>();
        for (StreamsFloor.Floor floor : FLOORS) {
            floors.put(floor, StreamsFloor.measure(floor, kafka, CHANGES_TOPIC, new StatsChangeSerde(), changes));
        }
        return floors;
    }

    /** The JIT warm-up, then the measured run and its writes; its state directory is deleted after. */
    private static StatsReport.Run measure(KafkaCluster kafka, long changes) throws Exception {
        kafka.createTopics(OUTPUTS.newTopics());
        Path stateDir = Files.createTempDirectory(APPLICATION_ID);
        Map<String, String> own = ownVariables(kafka, stateDir);
        Map<String, String> env = PassedThrough.with(own);
        try {
            String warmUp = JitWarmUp.run(env, STATISTICS);
            StreamsAppConfig config = StreamsAppConfig.from(new Env(env));
            try (JitWarmUp.Running statistics = start(config)) {
                long pid = ProcessHandle.current().pid();
                CommittedProgress progress = CommittedProgress.await(kafka, CHANGES_TOPIC, APPLICATION_ID, changes,
                        List.of(pid), Duration.ofMinutes(15));
                return new StatsReport.Run(PassedThrough.describe(own), config.topology().stats(), warmUp, progress,
                        writes(kafka, config.topology().stats()), FoldBenchmark.peakResidentMiB(pid));
            }
        } finally {
            Utils.delete(stateDir.toFile());
        }
    }

    /**
     * What the run wrote, once its last changes are out: their windows and days at the next publication, and the
     * stores' changelogs at the commit after it.
     */
    private static Map<String, TopicWrites.Count> writes(KafkaCluster kafka, StatsConfig stats) throws Exception {
        return TopicWrites.settled(kafka, new RunTopics(APPLICATION_ID, OUTPUTS), stats.publishEvery().plusSeconds(1));
    }

    /** What the benchmark tells the statistics; the app's settings passed through ({@link PassedThrough}) come on top. */
    private static Map<String, String> ownVariables(KafkaCluster kafka, Path stateDir) {
        Map<String, String> env = new HashMap<>(OUTPUTS.variables());
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("CALLSTREAM_APPLICATION_ID", APPLICATION_ID);
        env.put("CALLSTREAM_STATE_DIR", stateDir.toString());
        env.put("CALLSTREAM_TOPIC_EVENTS", CHANGES_TOPIC); // the topic the app reads: here, the changes
        return env;
    }

    /** The statistics alone, configured by the app's variables as the app configures its own. */
    private static JitWarmUp.Running start(StreamsAppConfig config) {
        KafkaStreams streams = new KafkaStreams(topology(config.topology()), config.streamsProperties());
        streams.start();
        return new JitWarmUp.Running(streams, streams);
    }

    static Topology topology(TopologyConfig config) {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, StatsChange> changes = builder.stream(config.eventsTopic(),
                Consumed.with(Serdes.String(), new StatsChangeSerde()));
        CallRecordTopology.addStatistics(builder, changes, config.stats());
        return builder.build();
    }
}
